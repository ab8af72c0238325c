package io.enjoy.conf.bus;

import io.vertx.core.json.JsonObject;

/**
 * @param running   the container or process exists and is running
 * @param reachable the worker answered its readiness probe
 * @param detail    why not, in words an admin can act on (empty when both are true)
 */
public record PollResult(boolean running, boolean reachable, String detail) {

  public boolean alive() {
    return running && reachable;
  }

  public JsonObject toJson() {
    return new JsonObject().put("running", running).put("reachable", reachable).put("detail", detail);
  }

  public static PollResult fromJson(JsonObject json) {
    return new PollResult(json.getBoolean("running", false), json.getBoolean("reachable", false), json.getString("detail", ""));
  }
}
