package io.enjoy.gateway.proxy;

import io.enjoy.conf.worker.WorkerContract;
import io.enjoy.gateway.auth.HubSession;
import io.enjoy.gateway.auth.Xsrf;
import io.enjoy.gateway.servers.Route;
import io.enjoy.gateway.servers.RouteTable;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.HostAndPort;
import io.vertx.core.net.SocketAddress;
import io.vertx.httpproxy.OriginRequestProvider;
import io.vertx.httpproxy.ProxyContext;
import io.vertx.httpproxy.ProxyInterceptor;
import io.vertx.httpproxy.ProxyResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the proxy does to every request it forwards to a worker, WebSocket handshakes included
 * (registered with {@code supportsWebSocketUpgrade = true}): picks the route, adds the
 * per-server secret and drops any copy the client sent, removes the hub's own cookies (user code
 * in the container must never see the hub session), sets {@code X-Forwarded-*}, keeps the
 * browser's Host, and records activity on the route in both directions.
 */
final class WorkerForwarding implements ProxyInterceptor, OriginRequestProvider {
  private static final Logger LOG = LoggerFactory.getLogger(WorkerForwarding.class);
  static final String ROUTE = "enjoy.route";
  private static final List<String> HUB_COOKIES = List.of(HubSession.COOKIE_NAME, Xsrf.COOKIE_NAME);

  private final Vertx vertx;
  private final RouteTable routes;
  private final Duration connectTimeout;
  private final Duration headTimeout;
  private final Duration idleTimeout;
  /** Turns a failed forward into the response the browser gets (503 / 424 page, after a route re-check). */
  private final Function<ProxyContext, Future<ProxyResponse>> onUpstreamFailure;

  /**
   * @param headTimeout longest wait for the worker's response headers (WebSocket handshakes
   *                    included); then the upstream request is reset, which frees its pooled
   *                    connection, and the browser gets the 503 answer (a hung worker cannot
   *                    hold the pool or the browser's request for the idle timeout)
   * @param idleTimeout longest silence inside a streaming HTTP response
   */
  WorkerForwarding(Vertx vertx, RouteTable routes, Duration connectTimeout, Duration headTimeout, Duration idleTimeout,
      Function<ProxyContext, Future<ProxyResponse>> onUpstreamFailure) {
    this.vertx = vertx;
    this.routes = routes;
    this.connectTimeout = connectTimeout;
    this.headTimeout = headTimeout;
    this.idleTimeout = idleTimeout;
    this.onUpstreamFailure = onUpstreamFailure;
  }

  @Override
  public Future<ProxyResponse> handleProxyRequest(ProxyContext context) {
    HttpServerRequest incoming = context.request().proxiedRequest();
    Route route = UserPath.parse(incoming.path()).flatMap(path -> path.route(routes)).orElse(null);
    if (route == null) {
      // the route vanished between the router's check and now (a stop in progress)
      return onUpstreamFailure.apply(context);
    }
    context.set(ROUTE, route);
    MultiMap headers = context.request().headers();
    headers.remove(WorkerContract.SECRET_HEADER);
    headers.set(WorkerContract.SECRET_HEADER, route.secret());
    stripHubCookies(headers);
    headers.remove("Authorization"); // a hub API token opened this route; the worker trusts only its secret
    headers.set("X-Forwarded-For", incoming.remoteAddress() == null ? "" : incoming.remoteAddress().hostAddress());
    headers.set("X-Forwarded-Proto", "https");
    headers.set("X-Forwarded-Host", String.valueOf(incoming.authority()));
    routes.touch(route.key());
    Future<ProxyResponse> sent = context.sendRequest();
    if (context.isWebSocket()) {
      return sent.onFailure(err -> LOG.info("WebSocket to {} for {} failed: {}", route, incoming.path(), String.valueOf(err)));
    }
    return sent.recover(err -> onUpstreamFailure.apply(context));
  }

  @Override
  public Future<Void> handleProxyResponse(ProxyContext context) {
    Route route = context.get(ROUTE, Route.class);
    if (route != null) {
      routes.touch(route.key());
    }
    dropHubCookieWrites(context.response().headers());
    return context.sendResponse();
  }

  /** A worker may set its own cookies, never the hub's (no session fixation or tossing from a container, H-21). */
  static void dropHubCookieWrites(MultiMap headers) {
    List<String> setCookies = headers.getAll("Set-Cookie");
    if (setCookies.isEmpty()) {
      return;
    }
    List<String> kept = setCookies.stream()
        .filter(value -> !isHubCookie(value.trim().split("=", 2)[0].trim()))
        .toList();
    if (kept.size() != setCookies.size()) {
      headers.remove("Set-Cookie");
      kept.forEach(value -> headers.add("Set-Cookie", value));
    }
  }

  /** Connects to the route's worker, presenting the browser's own Host (the worker checks Origin against it). */
  @Override
  public Future<HttpClientRequest> create(ProxyContext context) {
    Route route = context.get(ROUTE, Route.class);
    if (route == null) {
      return Future.failedFuture("no route");
    }
    HostAndPort authority = context.request().proxiedRequest().authority();
    RequestOptions options = new RequestOptions()
        .setServer(SocketAddress.inetSocketAddress(route.port(), route.host()))
        .setHost(route.host())
        .setPort(route.port())
        .setConnectTimeout(connectTimeout.toMillis());
    if (!context.isWebSocket()) {
      options.setIdleTimeout(idleTimeout.toMillis());
    }
    return context.client().request(options).map(request -> {
      if (authority != null) {
        request.authority(authority);
      }
      // a WebSocket or download the browser closes ends here; that is not an error worth a stack trace
      request.exceptionHandler(err -> LOG.debug("connection to {} ended: {}", route, err.getMessage()));
      long timer = vertx.setTimer(headTimeout.toMillis(), t -> request.reset(0,
          new TimeoutException("no response headers from " + route + " within " + headTimeout.toSeconds() + " s")));
      request.response().onComplete(r -> vertx.cancelTimer(timer));
      return request;
    });
  }

  /** The hub's cookies in either mode (subdomain mode's all start with {@link HubSession#HOST_PREFIX}). */
  static boolean isHubCookie(String name) {
    return HUB_COOKIES.contains(name) || name.startsWith(HubSession.HOST_PREFIX);
  }

  /** Removes the hub's session and XSRF cookies from every Cookie header, keeping the worker's own. */
  static void stripHubCookies(MultiMap headers) {
    List<String> values = headers.getAll("Cookie");
    if (values.isEmpty()) {
      return;
    }
    List<String> kept = new ArrayList<>();
    for (String header : values) {
      for (String pair : header.split(";")) {
        String trimmed = pair.trim();
        int eq = trimmed.indexOf('=');
        String name = eq < 0 ? trimmed : trimmed.substring(0, eq).trim();
        if (!trimmed.isEmpty() && !isHubCookie(name)) {
          kept.add(trimmed);
        }
      }
    }
    headers.remove("Cookie");
    if (!kept.isEmpty()) {
      headers.set("Cookie", String.join("; ", kept));
    }
  }
}
