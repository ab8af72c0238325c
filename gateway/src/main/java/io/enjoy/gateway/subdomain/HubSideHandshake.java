package io.enjoy.gateway.subdomain;

import io.enjoy.conf.bus.ServerKey;
import io.enjoy.gateway.auth.HubSession;
import io.enjoy.gateway.auth.LoginRequired;
import io.enjoy.gateway.auth.Xsrf;
import io.enjoy.gateway.http.Audit;
import io.enjoy.gateway.http.OwnContext;
import io.enjoy.gateway.http.ShownError;
import io.enjoy.gateway.pages.HubPages;
import io.enjoy.gateway.proxy.UserPath;
import io.enjoy.gateway.servers.RouteTable;
import io.enjoy.gateway.servers.ServicePrefix;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The hub host's part of subdomain mode. {@code /user/<name>/...} is not served here: it
 * redirects to the same path on the user's host (the owner of a stopped server gets the page
 * with the start button instead). {@value #LOGIN_PATH} hands the logged-in owner of a user host
 * a one-time code for it ({@link HandshakeCodes}); anyone else is refused, so only the server's
 * owner ever gets a session on its host.
 */
public final class HubSideHandshake {
  public static final String LOGIN_PATH = "/hub/user-host-login";
  /** A state value is one of {@link HandshakeCodes#randomToken}'s. */
  static final Pattern STATE = Pattern.compile("[A-Za-z0-9_-]{43}");
  /** What may follow the host in a redirect: printable ASCII, no spaces (no header or URL tricks). */
  private static final Pattern PRINTABLE = Pattern.compile("[\\x21-\\x7e]*");

  private final UserHosts hosts;
  private final HandshakeCodes codes;
  private final RouteTable routes;

  public HubSideHandshake(UserHosts hosts, HandshakeCodes codes, RouteTable routes) {
    this.hosts = hosts;
    this.codes = codes;
    this.routes = routes;
  }

  /** Mount on the hub host's router in place of the proxy, after the session handlers. */
  public void mount(Router router, Xsrf xsrf, HubPages pages) {
    router.get(LOGIN_PATH).handler(LoginRequired::handle).handler(this::issueCode);
    router.route("/user/*").handler(this::toUserHost).handler(xsrf::issueOnSafe)
        .handler(rc -> pages.stoppedServer(rc, ServerKey.defaultServer(UserPath.parse(rc.request().path()).orElseThrow().name())));
  }

  private void toUserHost(RoutingContext rc) {
    Optional<UserPath> path = UserPath.parse(rc.request().path());
    if (path.isEmpty()) {
      rc.fail(new ShownError(404, "There is no user server at this address."));
      return;
    }
    String name = path.get().name();
    HttpMethod method = rc.request().method();
    if (method != HttpMethod.GET && method != HttpMethod.HEAD) {
      rc.fail(new ShownError(404, "User servers are served on their own hosts: " + hosts.originOf(name) + ServicePrefix.of(ServerKey.defaultServer(name))));
      return;
    }
    if (!name.equals(HubSession.userName(rc))) {
      redirect(rc, hosts.originOf(name) + rc.request().uri());
      return;
    }
    // the owner: a stopped server gets its start button here, where the hub's forms work
    OwnContext.of(path.get().resolve(routes)).onFailure(rc::fail).onSuccess(route -> {
      if (route.isPresent()) {
        redirect(rc, hosts.originOf(name) + rc.request().uri());
      } else {
        rc.next();
      }
    });
  }

  private void issueCode(RoutingContext rc) {
    HubSession.Login login = HubSession.login(rc);
    String host = rc.queryParams().get("host");
    String state = rc.queryParams().get("state");
    String next = rc.queryParams().get("next");
    if (host == null || state == null || !STATE.matcher(state).matches()) {
      rc.fail(new ShownError(400, "This login link is incomplete. Open your server from the home page."));
      return;
    }
    String own = hosts.hostOf(login.user());
    if (!own.equals(host)) {
      Audit.event("user-host.login", login.user(), host, "refused: not the user's own host");
      rc.fail(new ShownError(403, "This server belongs to another user. You can only open your own server."));
      return;
    }
    String defaultPath = ServicePrefix.of(ServerKey.defaultServer(login.user()));
    boolean ownPath = next != null && PRINTABLE.matcher(next).matches()
        && UserPath.parse(next).map(p -> p.name().equals(login.user())).orElse(false);
    String code = codes.issue(login, host, state, ownPath ? next : defaultPath);
    redirect(rc, hosts.originOfHost(host) + UserHostRouter.CALLBACK_PATH
        + "?code=" + code + "&state=" + URLEncoder.encode(state, StandardCharsets.UTF_8));
  }

  static void redirect(RoutingContext rc, String location) {
    rc.response().setStatusCode(302).putHeader("Location", location).putHeader("Cache-Control", "no-store").end();
  }
}
