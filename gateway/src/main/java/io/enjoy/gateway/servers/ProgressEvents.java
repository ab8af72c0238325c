package io.enjoy.gateway.servers;

import io.enjoy.conf.bus.ServerKey;
import io.enjoy.conf.bus.SpawnProgress;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.json.JsonObject;

/**
 * The hub's own last word on a start, published on the same address as the spawner's
 * {@link SpawnProgress} events, in JupyterHub's final {@code /progress} event shapes:
 * {@code {"progress": 100, "ready": true, "url": ...}} or {@code {"progress": 100, "failed": true, "message": ...}}.
 */
public final class ProgressEvents {
  private final EventBus bus;

  ProgressEvents(EventBus bus) {
    this.bus = bus;
  }

  void ready(ServerKey key, String url) {
    bus.publish(SpawnProgress.address(key), readyEvent(url));
  }

  void failed(ServerKey key, String message) {
    bus.publish(SpawnProgress.address(key), failedEvent(message));
  }

  public static JsonObject readyEvent(String url) {
    String message = "Server ready at " + url;
    return new JsonObject().put("progress", 100).put("ready", true).put("failed", false)
        .put("message", message).put("html_message", message).put("url", url);
  }

  public static JsonObject failedEvent(String message) {
    return new JsonObject().put("progress", 100).put("failed", true).put("message", message).put("html_message", message);
  }

  /** A final event ends the stream. */
  public static boolean isFinal(JsonObject event) {
    return event.getBoolean("ready", false) || event.getBoolean("failed", false);
  }
}
