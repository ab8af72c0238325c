package io.enjoy.gateway.api;

import io.enjoy.conf.bus.ServerKey;
import io.enjoy.conf.bus.SpawnProgress;
import io.enjoy.gateway.servers.ProgressEvents;
import io.enjoy.gateway.servers.ServerView;
import io.enjoy.gateway.state.HubServices;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code GET /users/{name}/server/progress} and {@code .../servers/{server_name}/progress}: JupyterHub's Server-Sent Events stream of a start —
 * the spawner's progress events, then a final {@code ready} or {@code failed} event; a comment
 * line every 8 s keeps proxies from closing it.
 */
final class ProgressStream {
  private static final long KEEPALIVE_MILLIS = 8000;

  private final Vertx vertx;
  private final HubServices hub;
  private final Guard guard;

  ProgressStream(Vertx vertx, HubServices hub, Guard guard) {
    this.vertx = vertx;
    this.hub = hub;
    this.guard = guard;
  }

  void handle(RoutingContext rc) {
    ServerKey key;
    try {
      key = ServerHandlers.key(rc);
    } catch (IllegalArgumentException e) {
      ApiResponses.error(rc, 400, e.getMessage());
      return;
    }
    ApiCaller caller = ApiAuth.caller(rc);
    guard.server(caller, "read:servers", key.user(), key.server())
        .compose(t -> hub.servers().status(key))
        .onFailure(e -> ApiResponses.failure(rc, e))
        .onSuccess(view -> stream(rc, key, view));
  }

  private void stream(RoutingContext rc, ServerKey key, ServerView view) {
    HttpServerResponse response = rc.response()
        .putHeader("Content-Type", "text/event-stream")
        .putHeader("Cache-Control", "no-cache")
        .setChunked(true);
    if (finalEvent(view) != null) {
      send(response, finalEvent(view));
      response.end();
      return;
    }
    send(response, new JsonObject().put("progress", 0).put("message", "Server requested"));
    MessageConsumer<JsonObject> events = vertx.eventBus().consumer(SpawnProgress.address(key));
    long keepalive = vertx.setPeriodic(KEEPALIVE_MILLIS, id -> response.write(":keepalive\n\n"));
    Runnable finish = () -> {
      vertx.cancelTimer(keepalive);
      events.unregister();
      if (!response.ended()) {
        response.end();
      }
    };
    response.closeHandler(v -> finish.run());
    events.handler(message -> {
      if (!response.ended()) {
        send(response, message.body());
      }
      if (ProgressEvents.isFinal(message.body())) {
        finish.run();
      }
    });
    // The start may have ended between the status read and the subscription.
    events.completion().compose(v -> hub.servers().status(key)).onSuccess(now -> {
      JsonObject last = finalEvent(now);
      if (last != null && !response.ended()) {
        send(response, last);
        finish.run();
      }
    });
  }

  /** The event that ends the stream at once for a server that is not starting; null while it starts. */
  private static JsonObject finalEvent(ServerView view) {
    if (view.ready()) {
      return ProgressEvents.readyEvent(view.url());
    }
    if (!"spawn".equals(view.pending())) {
      return ProgressEvents.failedEvent(view.error() != null ? view.error() : "The server is not starting");
    }
    return null;
  }

  private static void send(HttpServerResponse response, JsonObject event) {
    response.write("data: " + event.encode() + "\n\n");
  }
}
