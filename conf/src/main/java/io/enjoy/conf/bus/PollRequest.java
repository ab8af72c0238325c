package io.enjoy.conf.bus;

import io.vertx.core.json.JsonObject;

/**
 * Ask the spawner whether a server the hub believes to be running still is: the container (or
 * process) exists and runs, and {@code <servicePrefix>api/status} answers on host:port. The probe
 * carries the per-server {@code secret}, because the worker answers nothing without it.
 */
public record PollRequest(ServerKey key, String containerId, String host, int port, String servicePrefix, String secret) {

  public JsonObject toJson() {
    return key.writeInto(new JsonObject())
        .put("containerId", containerId)
        .put("host", host)
        .put("port", port)
        .put("servicePrefix", servicePrefix)
        .put("secret", secret);
  }

  public static PollRequest fromJson(JsonObject json) {
    return new PollRequest(
        ServerKey.readFrom(json),
        json.getString("containerId"),
        json.getString("host"),
        json.getInteger("port", 0),
        json.getString("servicePrefix"),
        json.getString("secret"));
  }
}
