package io.enjoy.gateway.proxy;

import io.enjoy.conf.bus.ServerKey;
import io.enjoy.gateway.api.ServerAccessByToken;
import io.enjoy.gateway.auth.HubSession;
import io.enjoy.gateway.auth.LoginRequired;
import io.enjoy.gateway.auth.SessionRevocations;
import io.enjoy.gateway.auth.Xsrf;
import io.enjoy.gateway.http.Audit;
import io.enjoy.gateway.http.ErrorPages;
import io.enjoy.gateway.http.OwnContext;
import io.enjoy.gateway.http.PageLayout;
import io.enjoy.gateway.http.ShownError;
import io.enjoy.gateway.pages.HubPages;
import io.enjoy.gateway.servers.Route;
import io.enjoy.gateway.servers.RouteTable;
import io.enjoy.gateway.servers.ServerService;
import io.enjoy.gateway.servers.ServicePrefix;
import io.vertx.core.AsyncResult;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.httpproxy.Body;
import io.vertx.httpproxy.HttpProxy;
import io.vertx.httpproxy.ProxyContext;
import io.vertx.httpproxy.ProxyOptions;
import io.vertx.httpproxy.ProxyResponse;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code /user/<name>/...}: only the logged-in owner passes; the request then goes, path prefix
 * kept and body unread (no BodyHandler on this route), to the worker the route table names.
 * A stopped server gets a page with a start button (browsers) or JSON 424 (API paths and
 * WebSockets); a worker that does not answer gets a 503 page after the route is re-checked.
 */
public final class UserServerProxy {
  private static final Logger LOG = LoggerFactory.getLogger(UserServerProxy.class);
  /**
   * Connections per worker, all listeners together: a notebook tab makes many parallel calls;
   * still bounded (H-01). Each of the gateway's listeners gets its share ({@link #poolShare}).
   */
  public static final int POOL_PER_WORKER = 32;
  static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
  static final Duration IDLE_TIMEOUT = Duration.ofMinutes(10);
  static final Duration LOGOUT_SWEEP = Duration.ofSeconds(2);

  private final RouteTable routes;
  private final ServerService servers;
  private final PageLayout layout;
  private final HubPages pages;
  private final Xsrf xsrf;
  private final HttpProxy proxy;
  private final ServerAccessByToken tokenAccess;
  private final OpenWebSockets webSockets;

  /**
   * @param headTimeout {@code gateway.upstream_timeout}: longest wait for a worker's response headers
   * @param revocations logouts: WebSockets of a logged-out session are closed within {@link #LOGOUT_SWEEP}
   */
  public UserServerProxy(Vertx vertx, RouteTable routes, ServerService servers, PageLayout layout, HubPages pages, Xsrf xsrf,
      Duration headTimeout, SessionRevocations revocations, int poolSize, ServerAccessByToken tokenAccess) {
    this.tokenAccess = tokenAccess;
    this.webSockets = new OpenWebSockets(vertx, revocations, LOGOUT_SWEEP);
    this.routes = routes;
    this.servers = servers;
    this.layout = layout;
    this.pages = pages;
    this.xsrf = xsrf;
    HttpClient client = vertx.createHttpClient(
        new HttpClientOptions()
            .setKeepAlive(true)
            .setKeepAliveTimeout(30)
            .setConnectTimeout((int) CONNECT_TIMEOUT.toMillis()),
        new PoolOptions().setHttp1MaxSize(poolSize).setMaxWaitQueueSize(1024));
    WorkerForwarding forwarding = new WorkerForwarding(vertx, routes, CONNECT_TIMEOUT, headTimeout, IDLE_TIMEOUT, this::upstreamFailed);
    this.proxy = HttpProxy.reverseProxy(new ProxyOptions().setSupportWebSocket(true), client)
        .origin(forwarding)
        .addInterceptor(forwarding, true);
  }

  /** One listener's connections per worker when {@code listeners} share {@link #POOL_PER_WORKER}; at least 2. */
  public static int poolShare(int listeners) {
    return Math.max(2, (POOL_PER_WORKER + listeners - 1) / listeners);
  }

  /** Mount after the session handler (the owner check reads the login) and without any BodyHandler. */
  public void mount(Router router) {
    mountForwarding(router)
        .handler(xsrf::issueOnSafe)
        .handler(this::stopped);
  }

  /**
   * The owner check and the forwarding alone: the caller adds the handler answering for a server
   * that is not running (it must resume the request). Subdomain mode sends browsers back to the hub there.
   */
  public io.vertx.ext.web.Route mountForwarding(Router router) {
    return router.route("/user/*")
        .handler(this::authorize)
        .handler(this::forward);
  }

  private void authorize(RoutingContext rc) {
    HttpServerRequest request = rc.request();
    Optional<UserPath> raw = UserPath.parse(request.path());
    Optional<UserPath> normalized = UserPath.parse(rc.normalizedPath());
    if (raw.isEmpty() || normalized.isEmpty()) {
      rc.fail(new ShownError(404, "There is no user server at this address."));
      return;
    }
    if (!raw.get().name().equals(normalized.get().name())) {
      // dot segments or encoded separators that would move the request to another user (T5)
      rc.fail(new ShownError(400, "This address is not valid."));
      return;
    }
    String owner = HubSession.userName(rc);
    if (owner == null && request.getHeader("Authorization") != null && tokenAccess != null) {
      authorizeByToken(rc, raw.get());
      return;
    }
    if (owner == null) {
      LoginRequired.handle(rc);
      return;
    }
    String asked = raw.get().name();
    if (!owner.equals(asked)) {
      rc.fail(new ShownError(403, "This server belongs to another user. You can only open your own server."));
      return;
    }
    if (request.getHeader("Upgrade") != null && !sameOrigin(request)) {
      // cross-site WebSocket hijacking (T31): a page elsewhere must not ride on the user's cookie
      Audit.event("proxy.websocket", owner, request.path(), "refused: foreign origin " + request.headers().getAll("Origin"));
      rc.fail(new ShownError(403, "WebSocket connections are only accepted from this hub's own pages."));
      return;
    }
    if (request.getHeader("Upgrade") != null) {
      webSockets.track(request.connection(), owner, HubSession.loginAt(rc), HubSession.loginId(rc));
    }
    if (!raw.get().hasSlash()) {
      String query = request.query();
      rc.response().setStatusCode(302)
          .putHeader("Location", ServicePrefix.of(ServerKey.defaultServer(owner)) + (query == null ? "" : "?" + query))
          .end();
      return;
    }
    rc.next();
  }

  /** A script's request with an API token instead of the session cookie (no cookie: no XSRF or origin to check). */
  private void authorizeByToken(RoutingContext rc, UserPath path) {
    ServerKey key = path.key(routes);
    HttpServerRequest request = rc.request();
    request.pause();
    OwnContext.of(tokenAccess.owner(request.getHeader("Authorization"), key)).onComplete(result -> {
      boolean allowed = result.succeeded() && result.result().isPresent();
      if (allowed && path.hasSlash()) {
        rc.next(); // the body stays held until the proxy (or the stopped-server answer) reads it
        return;
      }
      request.resume();
      if (result.failed()) {
        rc.fail(result.cause());
      } else if (!allowed) {
        Audit.event("proxy.token", null, request.path(), "refused: the token may not open " + ServicePrefix.of(key));
        rc.fail(new ShownError(403, "This token may not open this server."));
      } else {
        rc.response().setStatusCode(302).putHeader("Location", ServicePrefix.of(key)).end();
      }
    });
  }

  /**
   * Browsers always send Origin on WebSocket handshakes; it must be this hub (the Host the browser
   * used). Every Origin header counts, so a second, friendly copy cannot hide a foreign one.
   */
  static boolean sameOrigin(HttpServerRequest request) {
    java.util.List<String> origins = request.headers().getAll("Origin");
    if (origins.isEmpty()) {
      return true; // not a browser: no ambient-cookie attack to defend against
    }
    String own = request.authority() == null ? null : "https://" + request.authority();
    return own != null && origins.stream().allMatch(own::equalsIgnoreCase);
  }

  private void forward(RoutingContext rc) {
    UserPath path = UserPath.parse(rc.request().path()).orElseThrow(); // authorize() checked it
    HttpServerRequest request = rc.request();
    Future<Optional<Route>> route = path.resolve(routes);
    if (route.isComplete()) {
      forward(rc, route);
      return;
    }
    // a miss reloads the route from PostgreSQL: hold the body until the proxy reads it
    request.pause();
    OwnContext.of(route).onComplete(result -> {
      if (!result.succeeded() || result.result().isEmpty()) {
        request.resume();
      }
      forward(rc, result);
    });
  }

  private void forward(RoutingContext rc, AsyncResult<Optional<Route>> route) {
    if (route.failed()) {
      rc.fail(route.cause());
    } else if (route.result().isPresent()) {
      proxy.handle(rc.request());
    } else {
      rc.next();
    }
  }

  /** Not running: JSON 424 for API calls and WebSockets, otherwise the page with the start button. */
  private void stopped(RoutingContext rc) {
    rc.request().resume();
    ServerKey key = UserPath.parse(rc.request().path()).orElseThrow().key(routes); // authorize() checked it; a stopped named server's own page
    if (ErrorPages.wantsJson(rc.request())) {
      rc.response().setStatusCode(424).putHeader("Content-Type", "application/json")
          .end(notRunningJson(key).encode());
      return;
    }
    pages.stoppedServer(rc, key);
  }

  private static JsonObject notRunningJson(ServerKey key) {
    return new JsonObject()
        .put("status", 424)
        .put("message", "Server at " + ServicePrefix.of(key) + " is not running. Start it from /hub/home.")
        .put("user", key.user());
  }

  /**
   * The worker did not answer: ask the hub whether the server is still meant to run, then answer
   * 424 (it is not: start it again) or 503 (it should be: try again shortly) instead of an empty 502.
   */
  private Future<ProxyResponse> upstreamFailed(ProxyContext context) {
    if (context.isWebSocket()) {
      return Future.failedFuture("worker not reachable");
    }
    HttpServerRequest incoming = context.request().proxiedRequest();
    Route route = context.get(WorkerForwarding.ROUTE, Route.class);
    ServerKey key = route != null ? route.key()
        : ServerKey.defaultServer(UserPath.parse(incoming.path()).map(UserPath::name).orElse(""));
    return servers.status(key).map(view -> view.ready()).otherwise(false).map(running -> {
      int status = running ? 503 : 424;
      LOG.info("worker of {} did not answer {}; server {} running", key, incoming.path(), running ? "still marked" : "not");
      boolean json = ErrorPages.wantsJson(incoming);
      String body;
      if (json) {
        body = (running
            ? new JsonObject().put("status", 503).put("message", "Server at " + ServicePrefix.of(key) + " is not responding; try again shortly.")
            : notRunningJson(key)).encode();
      } else {
        body = layout.render(running ? "Server not responding" : "Server not running", key.user(),
            running
                ? "<p id=\"error-message\">Your server is not responding right now. Wait a moment and reload, "
                    + "or restart it from <a href=\"/hub/home\">the home page</a>.</p>"
                : "<p>Status: <strong id=\"server-state\">stopped</strong></p>"
                    + "<p>Your server has stopped. <a href=\"/hub/home\">Start it again from the home page</a>.</p>");
      }
      return context.request().release().response()
          .setStatusCode(status)
          .putHeader("Content-Type", json ? "application/json" : "text/html; charset=utf-8")
          .putHeader("Cache-Control", "no-store")
          .setBody(Body.body(Buffer.buffer(body)));
    });
  }
}
