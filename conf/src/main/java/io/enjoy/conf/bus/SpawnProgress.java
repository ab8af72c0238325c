package io.enjoy.conf.bus;

import io.vertx.core.json.JsonObject;

/** One step of a starting server, in JupyterHub's {@code /progress} event shape. */
public record SpawnProgress(int progress, String message, boolean failed) {

  public JsonObject toJson() {
    return new JsonObject().put("progress", progress).put("message", message).put("failed", failed);
  }

  public static SpawnProgress fromJson(JsonObject json) {
    return new SpawnProgress(json.getInteger("progress", 0), json.getString("message", ""), json.getBoolean("failed", false));
  }

  public static String address(ServerKey key) {
    return Addresses.SPAWNER_PROGRESS + "." + key.id();
  }
}
