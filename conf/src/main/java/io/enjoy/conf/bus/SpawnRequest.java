package io.enjoy.conf.bus;

import io.vertx.core.json.JsonObject;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Ask the spawner to start one server.
 *
 * @param key          whose server
 * @param safeName     the injective, stable escaping of {@code key} for container names and
 *                     directories (computed by the hub, which owns user names)
 * @param image        the image reference to run (Docker backend; ignored by the local backend)
 * @param homeDir      absolute host path of the user's home directory, created if missing
 * @param uid          numeric uid the server runs as and that owns {@code homeDir}
 * @param env          the worker environment (see {@link io.enjoy.conf.worker.WorkerContract}),
 *                     including the per-server secret
 * @param memLimitBytes memory limit, 0 = none
 * @param cpuLimit     CPU limit in cores, 0 = none
 */
public record SpawnRequest(
    ServerKey key,
    String safeName,
    String image,
    String homeDir,
    int uid,
    Map<String, String> env,
    long memLimitBytes,
    double cpuLimit) {

  public SpawnRequest {
    env = Map.copyOf(env);
  }

  public JsonObject toJson() {
    return key.writeInto(new JsonObject())
        .put("safeName", safeName)
        .put("image", image)
        .put("homeDir", homeDir)
        .put("uid", uid)
        .put("env", new JsonObject(new LinkedHashMap<>(env)))
        .put("memLimitBytes", memLimitBytes)
        .put("cpuLimit", cpuLimit);
  }

  public static SpawnRequest fromJson(JsonObject json) {
    Map<String, String> env = new LinkedHashMap<>();
    json.getJsonObject("env", new JsonObject()).forEach(e -> env.put(e.getKey(), String.valueOf(e.getValue())));
    return new SpawnRequest(
        ServerKey.readFrom(json),
        json.getString("safeName"),
        json.getString("image"),
        json.getString("homeDir"),
        json.getInteger("uid", 1000),
        env,
        json.getLong("memLimitBytes", 0L),
        json.getDouble("cpuLimit", 0.0));
  }
}
