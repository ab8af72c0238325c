package io.enjoy.gateway.pages;

import static io.enjoy.gateway.http.Html.escape;

import io.enjoy.conf.bus.ServerKey;
import io.enjoy.conf.bus.SpawnProgress;
import io.enjoy.gateway.auth.HubSession;
import io.enjoy.gateway.auth.LoginRequired;
import io.enjoy.gateway.auth.NextUrl;
import io.enjoy.gateway.auth.Xsrf;
import io.enjoy.gateway.http.Audit;
import io.enjoy.gateway.http.PageLayout;
import io.enjoy.gateway.http.ShownError;
import io.enjoy.gateway.servers.ServerNames;
import io.enjoy.gateway.servers.ServerService;
import io.enjoy.gateway.state.HubServices;
import io.enjoy.gateway.servers.ServerView;
import io.enjoy.gateway.servers.ServicePrefix;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The hub's own pages, server-rendered: login, home (server state, start/stop, last error),
 * spawn progress, health. DOM ids are stable because browser tests use them:
 * {@code a#login-button}, {@code #server-state} (running | stopped | starting | stopping),
 * {@code button#start-server}, {@code button#stop-server}, {@code #spawn-error},
 * {@code a#open-server}, {@code #spawn-message}.
 */
public final class HubPages {
  private static final Logger LOG = LoggerFactory.getLogger(HubPages.class);
  private final PageLayout layout;
  private final ServerService servers;
  private final SpawnTracker tracker;
  private final String providerName;
  private final SpawnEvents events;
  private final NamedServersSection namedServers;
  private final TokenPage tokenPage;
  private final AdminPage adminPage;
  private final InstructorPage instructorPage;
  private final io.enjoy.gateway.state.GroupService groups;

  public HubPages(Vertx vertx, PageLayout layout, HubServices hub, SpawnTracker tracker, String providerName) {
    this.layout = layout;
    this.servers = hub.servers();
    this.tracker = tracker;
    this.providerName = providerName;
    this.events = new SpawnEvents(vertx, servers, tracker);
    this.namedServers = new NamedServersSection(servers, tracker, hub.options().namedServerLimit());
    this.tokenPage = new TokenPage(layout, hub.tokens());
    this.adminPage = new AdminPage(layout, hub);
    this.instructorPage = new InstructorPage(layout, hub);
    this.groups = hub.groups();
  }

  public void mount(Router router) {
    router.get("/").handler(rc -> redirect(rc, 302, "/hub/home"));
    router.get("/hub").handler(rc -> redirect(rc, 302, "/hub/home"));
    router.get("/hub/").handler(rc -> redirect(rc, 302, "/hub/home"));
    router.route("/hub/health").method(HttpMethod.GET).method(HttpMethod.HEAD).handler(rc -> rc.response()
        .putHeader("Content-Type", "application/json").putHeader("Cache-Control", "no-store")
        .end(new JsonObject().put("status", "ok").encode()));
    router.get("/hub/login").handler(this::login);
    router.get("/hub/logout").handler(this::confirmLogout);
    router.get("/hub/home").handler(LoginRequired::handle).handler(this::home);
    router.post("/hub/server/start").handler(LoginRequired::handle).handler(this::startServer);
    router.post("/hub/server/stop").handler(LoginRequired::handle).handler(this::stopServer);
    router.get("/hub/spawn-pending").handler(LoginRequired::handle).handler(this::spawnPending);
    router.get("/hub/spawn-pending/events").handler(LoginRequired::handle).handler(events::handle);
    tokenPage.mount(router);
    adminPage.mount(router);
    instructorPage.mount(router);
  }

  private void login(RoutingContext rc) {
    String next = NextUrl.validate(rc.request().getParam("next")).orElse(null);
    if (HubSession.userName(rc) != null) {
      redirect(rc, 302, next == null ? "/hub/home" : next);
      return;
    }
    String href = "/hub/oauth_login" + (next == null ? "" : "?next=" + URLEncoder.encode(next, StandardCharsets.UTF_8));
    StringBuilder body = new StringBuilder();
    if (rc.request().getParam("logged_out") != null) {
      body.append("<p id=\"logged-out\" role=\"status\">You have been logged out.</p>\n");
    }
    body.append("<p>Log in with your university account to reach your notebook server.</p>\n")
        .append("<p><a id=\"login-button\" class=\"button\" href=\"").append(escape(href)).append("\">Log in with ")
        .append(escape(providerName)).append("</a></p>");
    layout.send(rc.response(), 200, "Log in", null, body.toString());
  }

  private void home(RoutingContext rc) {
    String user = HubSession.userName(rc);
    ServerKey key = ServerKey.defaultServer(user);
    servers.status(key).onFailure(rc::fail).onSuccess(view -> {
      String state = tracker.starting(key) && view.stopped() ? "starting" : stateText(view);
      String token = Xsrf.token(rc);
      StringBuilder body = new StringBuilder();
      body.append("<section aria-labelledby=\"server-heading\">\n<h2 id=\"server-heading\">Your server</h2>\n")
          .append("<p>Status: <strong id=\"server-state\">").append(state).append("</strong></p>\n");
      if (view.error() != null && !view.ready() && !"starting".equals(state)) {
        body.append("<div id=\"spawn-error\" class=\"error\" role=\"alert\"><p>The last start or stop failed:</p><pre>")
            .append(escape(view.error())).append("</pre></div>\n");
      }
      switch (state) {
        case "running" -> body
            .append("<p><a id=\"open-server\" class=\"button\" href=\"").append(escape(ServicePrefix.of(key)))
            .append("\">Open my server</a></p>\n")
            .append(form("/hub/server/stop", token, "stop-server", "Stop my server"));
        case "stopped" -> body.append(form("/hub/server/start", token, "start-server", "Start my server"));
        case "starting" -> body.append("<p><a href=\"/hub/spawn-pending\">Follow the start</a></p>\n");
        default -> body.append("<p>Please wait a moment; this page reloads by itself.</p>\n");
      }
      body.append("</section>\n");
      boolean moving = state.equals("starting") || state.equals("stopping");
      namedServers.render(user, token).compose(named -> groups.instructs(user).map(instructs -> {
        body.append(named.html())
            .append("<nav aria-label=\"More\"><p><a id=\"token-page\" href=\"/hub/token\">API tokens</a>")
            .append(instructs.isEmpty() ? "" : " · <a id=\"instructor-page\" href=\"/hub/instructor\">Your groups</a>")
            .append(HubSession.isAdmin(rc) ? " · <a id=\"admin-page\" href=\"/hub/admin\">Administration</a>" : "")
            .append("</p></nav>");
        return moving || named.moving();
      })).onFailure(rc::fail).onSuccess(reload -> layout.send(rc.response(), 200, "Home", user, token, body.toString(), reload ? 2 : 0));
    });
  }

  private void startServer(RoutingContext rc) {
    ServerKey key = formKey(rc);
    if (key == null) {
      return;
    }
    Audit.event("server.start", key.user(), ServicePrefix.of(key), "requested");
    tracker.start(key);
    String next = serverNext(rc, key);
    String query = (key.server().isEmpty() ? "" : "&server=" + URLEncoder.encode(key.server(), StandardCharsets.UTF_8))
        + (next == null ? "" : "&next=" + URLEncoder.encode(next, StandardCharsets.UTF_8));
    redirect(rc, 303, "/hub/spawn-pending" + (query.isEmpty() ? "" : "?" + query.substring(1)));
  }

  /** The session user's server a form or query names ({@code server}, empty = default); null after failing the request for a bad name. */
  static ServerKey formKey(RoutingContext rc) {
    String server = rc.request().getParam("server", "").trim();
    if (!server.isEmpty() && ServerNames.problem(server).isPresent()) {
      rc.fail(new ShownError(400, ServerNames.problem(server).get()));
      return null;
    }
    return new ServerKey(HubSession.userName(rc), server);
  }

  /** A {@code next} inside the user's own server (the page asked for before it stopped), or null. */
  private static String serverNext(RoutingContext rc, ServerKey key) {
    String next = rc.request().getParam("next");
    return NextUrl.validate(next).filter(n -> n.startsWith(ServicePrefix.of(key))).orElse(null);
  }

  private void stopServer(RoutingContext rc) {
    ServerKey key = formKey(rc);
    if (key == null) {
      return;
    }
    Audit.event("server.stop", key.user(), ServicePrefix.of(key), "requested");
    servers.stop(key, "stopped by the user from the home page")
        .onFailure(err -> LOG.warn("stop of {} from the home page failed: {}", key, err.getMessage()));
    redirect(rc, 303, "/hub/home");
  }

  /** While starting: a self-reloading page with the newest progress; when ready: on to the server. */
  private void spawnPending(RoutingContext rc) {
    String user = HubSession.userName(rc);
    ServerKey key = formKey(rc);
    if (key == null) {
      return;
    }
    servers.status(key).onFailure(rc::fail).onSuccess(view -> {
      if (view.ready()) {
        String next = serverNext(rc, key);
        redirect(rc, 302, next == null ? ServicePrefix.of(key) : next);
        return;
      }
      boolean starting = tracker.starting(key) || "spawn".equals(view.pending());
      if (!starting) {
        redirect(rc, 302, "/hub/home");
        return;
      }
      SpawnProgress progress = tracker.latest(key).orElse(new SpawnProgress(0, "Start requested", false));
      String body = "<p>Status: <strong id=\"server-state\">starting</strong></p>\n"
          + "<p><progress id=\"spawn-progress\" max=\"100\" value=\"" + Math.max(0, Math.min(100, progress.progress()))
          + "\" aria-label=\"Start progress\"></progress></p>\n"
          + "<p id=\"spawn-message\" aria-live=\"polite\">" + escape(progress.message()) + "</p>\n"
          + "<p class=\"muted\">This page reloads by itself and opens your server when it is ready.</p>\n"
          + "<script src=\"/hub/static/spawn-progress.js\" defer></script>";
      layout.send(rc.response(), 200, key.server().isEmpty() ? "Starting your server" : "Starting server " + key.server(), user,
          Xsrf.token(rc), body, 1);
    });
  }

  /**
   * The page for a browser that asked for a stopped server's URL: HTTP 424 (as JupyterHub) with a
   * start button. Needs {@link Xsrf#issueOnSafe} before it for the form's token.
   */
  public void stoppedServer(RoutingContext rc, ServerKey key) {
    String token = Xsrf.token(rc);
    String next = NextUrl.validate(rc.request().uri()).orElse(null);
    String which = key.server().isEmpty() ? "Your server" : "Your server " + escape(key.server());
    String body = "<p>Status: <strong id=\"server-state\">stopped</strong></p>\n"
        + "<p>" + which + " is not running. Start it to continue; you will come back to this page.</p>\n"
        + (token == null
            ? "<p><a href=\"/hub/home\">Go to the home page to start it</a></p>"
            : Forms.button("/hub/server/start", token, "start-server", key.server().isEmpty() ? "Start my server" : "Start server " + key.server(),
                null, Forms.fields("server", key.server().isEmpty() ? null : key.server(), "next", next)));
    layout.send(rc.response(), 424, key.server().isEmpty() ? "Server not running" : "Server " + key.server() + " not running", key.user(),
        token, body, 0);
  }

  /**
   * {@code GET /hub/logout} only asks: a GET must not change state (a cross-site
   * {@code <img src="/hub/logout">} would otherwise log people out). The POST it offers does the
   * logout ({@code OidcLogout}).
   */
  private void confirmLogout(RoutingContext rc) {
    String user = HubSession.userName(rc);
    if (user == null) {
      redirect(rc, 302, "/hub/login");
      return;
    }
    String token = Xsrf.token(rc);
    String body = "<p>Log out <strong>" + escape(user) + "</strong>? This ends your hub session in every tab and on every device;"
        + " your servers keep running.</p>\n<p>" + PageLayout.logoutForm(token, "confirm-logout", "Log out")
        + " <a id=\"cancel-logout\" href=\"/hub/home\">Cancel</a></p>";
    layout.send(rc.response(), 200, "Log out", user, token, body, 0);
  }

  static String stateText(ServerView view) {
    if (view.ready()) {
      return "running";
    }
    if ("spawn".equals(view.pending())) {
      return "starting";
    }
    if ("stop".equals(view.pending())) {
      return "stopping";
    }
    return "stopped";
  }

  private static String form(String action, String token, String buttonId, String label) {
    return Forms.button(action, token, buttonId, label, null, Map.of());
  }

  private static void redirect(RoutingContext rc, int status, String location) {
    Forms.redirect(rc, status, location);
  }
}
