package io.enjoy.gateway.subdomain;

import io.enjoy.gateway.http.Audit;
import io.enjoy.gateway.http.SecurityHeaders;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpServerRequest;

/**
 * The first step of every request in subdomain mode: the hub's host goes to the hub's router, a
 * user host ({@code <label>.<user_domain>}) to the user-host router, any other Host (a forged
 * one, an IP address, a name pointing here by mistake) is answered 421 and routed nowhere.
 */
final class HostDispatch implements Handler<HttpServerRequest> {
  private final UserHosts hosts;
  private final Handler<HttpServerRequest> hub;
  private final Handler<HttpServerRequest> userHosts;

  HostDispatch(UserHosts hosts, Handler<HttpServerRequest> hub, Handler<HttpServerRequest> userHosts) {
    this.hosts = hosts;
    this.hub = hub;
    this.userHosts = userHosts;
  }

  @Override
  public void handle(HttpServerRequest request) {
    if (hosts.isHub(request)) {
      hub.handle(request);
    } else if (hosts.labelOf(request).isPresent()) {
      userHosts.handle(request);
    } else {
      Audit.event("host", null, request.path(), "refused: Host names neither the hub nor a user host");
      SecurityHeaders.apply(request.response());
      request.response().setStatusCode(421)
          .putHeader("Content-Type", "text/plain; charset=utf-8")
          .putHeader("Connection", "close")
          .end("421 Misdirected Request: this gateway does not serve the host this request names. Use " + hosts.hubOrigin() + "/hub/home.\n");
    }
  }
}
