package io.enjoy.conf.bus;

import io.vertx.core.json.JsonObject;

/**
 * The spawner's reply once a server answers its readiness probe.
 *
 * @param host        where the gateway reaches the worker (always a loopback address on the
 *                    spawner's host in a single-host setup)
 * @param port        the published port
 * @param containerId Docker container id, or {@code "pid:<n>"} for the local-process backend
 * @param backend     {@code "docker"} or {@code "local"}
 * @param node        the spawner node that owns this server (for stop and poll)
 */
public record SpawnResult(String host, int port, String containerId, String backend, String node) {

  public JsonObject toJson() {
    return new JsonObject()
        .put("host", host)
        .put("port", port)
        .put("containerId", containerId)
        .put("backend", backend)
        .put("node", node);
  }

  public static SpawnResult fromJson(JsonObject json) {
    return new SpawnResult(
        json.getString("host"),
        json.getInteger("port"),
        json.getString("containerId"),
        json.getString("backend"),
        json.getString("node", ""));
  }
}
