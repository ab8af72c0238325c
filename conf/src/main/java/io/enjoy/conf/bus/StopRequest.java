package io.enjoy.conf.bus;

import io.vertx.core.json.JsonObject;

/** Ask the spawner to stop and remove one server. Stopping a server that is already gone succeeds. */
public record StopRequest(ServerKey key, String containerId) {

  public JsonObject toJson() {
    return key.writeInto(new JsonObject()).put("containerId", containerId);
  }

  public static StopRequest fromJson(JsonObject json) {
    return new StopRequest(ServerKey.readFrom(json), json.getString("containerId"));
  }
}
