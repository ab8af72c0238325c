package io.enjoy.conf.bus;

import io.vertx.core.json.JsonObject;

/** The culler asks the hub (the single writer of server state) to stop one server, saying why. */
public record CullRequest(ServerKey key, String reason) {

  public JsonObject toJson() {
    return key.writeInto(new JsonObject()).put("reason", reason);
  }

  public static CullRequest fromJson(JsonObject json) {
    return new CullRequest(ServerKey.readFrom(json), json.getString("reason", ""));
  }
}
