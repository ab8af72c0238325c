package io.enjoy.gateway.pages;

import io.enjoy.conf.bus.ServerKey;
import io.enjoy.conf.bus.SpawnProgress;
import io.enjoy.gateway.auth.HubSession;
import io.enjoy.gateway.servers.ServerService;
import io.enjoy.gateway.servers.ServicePrefix;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code GET /hub/spawn-pending/events}: the start of the user's server as Server-Sent Events in
 * JupyterHub's {@code /progress} shape ({@code progress}, {@code message}, then a last event with
 * {@code ready: true, url} or {@code failed: true}). The progress page works without it (it
 * reloads itself); with script enabled it shows each step as it happens and moves on at once.
 */
final class SpawnEvents {
  private static final long CHECK_EVERY_MS = 500;

  private final Vertx vertx;
  private final ServerService servers;
  private final SpawnTracker tracker;

  SpawnEvents(Vertx vertx, ServerService servers, SpawnTracker tracker) {
    this.vertx = vertx;
    this.servers = servers;
    this.tracker = tracker;
  }

  void handle(RoutingContext rc) {
    ServerKey key = HubPages.formKey(rc);
    if (key == null) {
      return;
    }
    HttpServerResponse response = rc.response()
        .setChunked(true)
        .putHeader("Content-Type", "text/event-stream")
        .putHeader("Cache-Control", "no-store")
        .putHeader("X-Accel-Buffering", "no");
    response.write(": start of " + ServicePrefix.of(key) + "\n\n");
    tracker.latest(key).ifPresent(p -> send(response, p.toJson()));
    MessageConsumer<JsonObject> progress = vertx.eventBus().consumer(SpawnProgress.address(key),
        message -> send(response, SpawnProgress.fromJson(message.body()).toJson()));
    long timer = vertx.setPeriodic(CHECK_EVERY_MS, id -> servers.status(key).onSuccess(view -> {
      if (response.ended()) {
        return;
      }
      if (view.ready()) {
        send(response, new JsonObject().put("progress", 100).put("ready", true).put("message", "Server ready")
            .put("url", ServicePrefix.of(key)));
        response.end();
      } else if (view.stopped() && !tracker.starting(key)) {
        send(response, new JsonObject().put("progress", 100).put("failed", true)
            .put("message", view.error() == null ? "The server is not starting" : view.error()));
        response.end();
      }
    }));
    Runnable cleanup = () -> {
      vertx.cancelTimer(timer);
      progress.unregister();
    };
    response.endHandler(v -> cleanup.run());
    response.closeHandler(v -> cleanup.run());
  }

  private static void send(HttpServerResponse response, JsonObject event) {
    if (!response.ended()) {
      response.write("data: " + event.encode() + "\n\n");
    }
  }
}
