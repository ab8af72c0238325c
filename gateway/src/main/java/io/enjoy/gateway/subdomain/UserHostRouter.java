package io.enjoy.gateway.subdomain;

import io.enjoy.conf.bus.ServerKey;
import io.enjoy.gateway.auth.HubSession;
import io.enjoy.gateway.auth.SessionRevocations;
import io.enjoy.gateway.http.Audit;
import io.enjoy.gateway.http.ErrorPages;
import io.enjoy.gateway.http.FetchMetadataGuard;
import io.enjoy.gateway.http.HubStaticFiles;
import io.enjoy.gateway.http.OwnContext;
import io.enjoy.gateway.http.SecurityHeaders;
import io.enjoy.gateway.http.ShownError;
import io.enjoy.gateway.proxy.UserPath;
import io.enjoy.gateway.proxy.UserServerProxy;
import io.enjoy.gateway.servers.ServicePrefix;
import io.enjoy.gateway.state.UserService;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.Session;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Optional;

/**
 * Everything served on a user's host {@code <label>.<user_domain>}: that user's servers under
 * {@code /user/<name>/} (the prefix is kept, so the worker is the same in both modes) and the
 * login handshake's callback. The host has its own session cookie ({@value #SESSION_COOKIE}:
 * host-only, Secure, HttpOnly, SameSite=Lax, Path=/), opened only by redeeming a code from the
 * hub ({@link HubSideHandshake}) and carrying the hub login it came from, so a logout or a failed
 * re-check at the hub ends it as well. Paths of other users, and hosts whose label names nobody,
 * answer 404.
 */
public final class UserHostRouter {
  public static final String CALLBACK_PATH = "/enjoy-login";
  public static final String SESSION_COOKIE = HubSession.HOST_PREFIX + "user-session";
  /** One state cookie per handshake in flight (named by the state's first characters), so parallel tabs do not undo each other. */
  static final String STATE_COOKIE_PREFIX = HubSession.HOST_PREFIX + "state-";
  /** Long enough to log in at the identity provider on the way. */
  static final Duration STATE_LIFETIME = Duration.ofMinutes(10);
  private static final String HOST_KEY = "enjoy.user_host";
  private static final String LABEL = "enjoy.user_host.label";

  private final UserHosts hosts;
  private final HandshakeCodes codes;
  private final SessionRevocations revocations;
  private final UserService users;

  public UserHostRouter(UserHosts hosts, HandshakeCodes codes, SessionRevocations revocations, UserService users) {
    this.hosts = hosts;
    this.codes = codes;
    this.revocations = revocations;
    this.users = users;
  }

  /**
   * One listener's router for user hosts.
   *
   * @param sessionKey secret of this host's session cookies (not the hub's: neither cookie opens the other)
   * @param recheck    the hub's periodic re-check of a login at the issuer
   */
  public Router build(Vertx vertx, Duration sessionTimeout, String sessionKey, Handler<RoutingContext> recheck,
      UserServerProxy proxy, ErrorPages errors) {
    Router router = Router.router(vertx);
    router.route().handler(SecurityHeaders::everyResponse);
    router.route().handler(this::putLabel);
    router.route().handler(HubSession.handler(vertx, sessionTimeout, sessionKey, SESSION_COOKIE).setLazySession(true));
    router.route().handler(HubSession.revocationCheck(revocations));
    router.route().handler(this::onlyThisHostsSession);
    router.route().handler(FetchMetadataGuard::handle);
    router.route().handler(recheck);
    router.get(CALLBACK_PATH).handler(this::callback);
    HubStaticFiles.mount(router);
    router.route("/hub/*").handler(this::toHub);
    router.get("/").handler(this::root);
    router.route("/user/*").handler(this::ownersPathsOnly);
    proxy.mountForwarding(router).handler(this::stopped);
    router.route().last().handler(rc -> rc.fail(new ShownError(404, "There is nothing here.")));
    router.route().failureHandler(errors::handle);
    for (int status : new int[] {400, 404, 405, 413, 500}) {
      router.errorHandler(status, rc -> errors.handle(rc, status));
    }
    return router;
  }

  private void putLabel(RoutingContext rc) {
    rc.put(LABEL, hosts.labelOf(rc.request()).orElseThrow()); // HostDispatch sent only user hosts here
    rc.next();
  }

  /** A session is valid only on the host it was opened for (the cookie is host-only; this also stops a replay with another Host). */
  private void onlyThisHostsSession(RoutingContext rc) {
    Session session = rc.session();
    String user = HubSession.userName(rc);
    if (user != null && !(hosts.hostOfLabel(rc.get(LABEL)).equals(session.get(HOST_KEY)) && UserLabel.of(user).equals(rc.get(LABEL)))) {
      Audit.event("user-host.session", user, rc.request().path(), "refused: session of another host");
      session.destroy();
    }
    rc.next();
  }

  /** Paths of this host's user only; without a session, browsers go through the handshake. */
  private void ownersPathsOnly(RoutingContext rc) {
    Optional<UserPath> path = UserPath.parse(rc.request().path());
    if (path.isEmpty() || !UserLabel.of(path.get().name()).equals(rc.get(LABEL))) {
      rc.fail(new ShownError(404, "There is no user server at this address."));
      return;
    }
    if (HubSession.userName(rc) != null || rc.request().getHeader("Authorization") != null) {
      rc.next(); // the proxy checks owner, origin and token
      return;
    }
    rc.request().pause();
    OwnContext.of(users.find(path.get().name())).onComplete(found -> {
      rc.request().resume();
      if (found.failed()) {
        rc.fail(found.cause());
      } else if (found.result().isEmpty()) {
        rc.fail(new ShownError(404, "There is no user server at this address."));
      } else if (rc.request().method() == HttpMethod.GET && !ErrorPages.wantsJson(rc.request())) {
        startHandshake(rc);
      } else {
        rc.fail(new ShownError(401, "Not logged in on this server's host: open it from the hub first."));
      }
    });
  }

  /** To the hub for a code; the state value ties the code to this browser (the handshake's XSRF protection). */
  private void startHandshake(RoutingContext rc) {
    String state = HandshakeCodes.randomToken();
    String host = hosts.hostOfLabel(rc.get(LABEL));
    rc.response().addCookie(stateCookie(state, state, STATE_LIFETIME.toSeconds()));
    HubSideHandshake.redirect(rc, hosts.hubOrigin() + HubSideHandshake.LOGIN_PATH
        + "?host=" + URLEncoder.encode(host, StandardCharsets.UTF_8)
        + "&state=" + state
        + "&next=" + URLEncoder.encode(rc.request().uri(), StandardCharsets.UTF_8));
  }

  private void callback(RoutingContext rc) {
    String state = rc.queryParams().get("state");
    String code = rc.queryParams().get("code");
    if (state == null || !HubSideHandshake.STATE.matcher(state).matches()) {
      rc.fail(new ShownError(400, "This login link is incomplete. Open your server from the hub's home page."));
      return;
    }
    Cookie stateCookie = rc.request().getCookie(STATE_COOKIE_PREFIX + state.substring(0, 8));
    rc.response().addCookie(stateCookie(state, "", 0)); // used up, whatever follows
    Optional<HandshakeCodes.Grant> grant = codes.redeem(code);
    String host = hosts.hostOfLabel(rc.get(LABEL));
    String refusal = stateCookie == null || !same(stateCookie.getValue(), state) ? "the login did not start in this browser"
        : grant.isEmpty() ? "the code is unknown, used or expired"
        : !same(grant.get().state(), state) ? "the code belongs to another login"
        : !grant.get().host().equals(host) ? "the code is for another host"
        : revocations.revoked(grant.get().login().user(), grant.get().login().loginAt(), grant.get().login().loginId()) ? "the hub session has ended"
        : null;
    if (refusal != null) {
      Audit.event("user-host.login", grant.map(g -> g.login().user()).orElse(null), host, "refused: " + refusal);
      rc.fail(new ShownError(400, "This login link is not valid (" + refusal + "). Open your server again from the hub's home page."));
      return;
    }
    Session session = rc.session();
    HubSession.resume(session, grant.get().login());
    session.put(HOST_KEY, host);
    Audit.event("user-host.login", grant.get().login().user(), host, "ok");
    HubSideHandshake.redirect(rc, grant.get().next());
  }

  /** {@code /hub/...} links in pages shown on this host (error pages, the worker's own) lead to the hub. */
  private void toHub(RoutingContext rc) {
    HttpMethod method = rc.request().method();
    if (method == HttpMethod.GET || method == HttpMethod.HEAD) {
      HubSideHandshake.redirect(rc, hosts.hubOrigin() + rc.request().uri());
    } else {
      rc.fail(new ShownError(404, "The hub is at " + hosts.hubOrigin() + "/hub/home."));
    }
  }

  private void root(RoutingContext rc) {
    String user = HubSession.userName(rc);
    HubSideHandshake.redirect(rc, user == null ? hosts.hubOrigin() + "/hub/home" : ServicePrefix.of(ServerKey.defaultServer(user)));
  }

  /** Not running: API calls get JSON 424; browsers go to the hub, which shows the start button. */
  private void stopped(RoutingContext rc) {
    rc.request().resume();
    String user = UserPath.parse(rc.request().path()).orElseThrow().name(); // ownersPathsOnly checked it
    if (ErrorPages.wantsJson(rc.request())) {
      rc.response().setStatusCode(424).putHeader("Content-Type", "application/json")
          .end(new JsonObject().put("status", 424).put("user", user)
              .put("message", "Server at " + hosts.originOf(user) + ServicePrefix.of(ServerKey.defaultServer(user))
                  + " is not running. Start it from " + hosts.hubOrigin() + "/hub/home.").encode());
      return;
    }
    HubSideHandshake.redirect(rc, hosts.hubOrigin() + rc.request().uri());
  }

  private static Cookie stateCookie(String state, String value, long maxAgeSeconds) {
    return Cookie.cookie(STATE_COOKIE_PREFIX + state.substring(0, 8), value)
        .setPath("/").setSecure(true).setHttpOnly(true).setSameSite(CookieSameSite.LAX).setMaxAge(maxAgeSeconds);
  }

  private static boolean same(String a, String b) {
    return MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
  }
}
