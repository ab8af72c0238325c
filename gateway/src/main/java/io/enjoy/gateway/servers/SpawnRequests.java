package io.enjoy.gateway.servers;

import io.enjoy.conf.EnjoyConfig;
import io.enjoy.conf.bus.ServerKey;
import io.enjoy.conf.bus.SpawnRequest;
import io.enjoy.conf.worker.WorkerContract;
import io.enjoy.gateway.state.SafeNames;
import io.enjoy.gateway.state.UserRecord;
import java.util.LinkedHashMap;
import java.util.Map;

/** Builds the {@link SpawnRequest} for one server: home path, uid, limits and the worker environment. */
final class SpawnRequests {
  private final EnjoyConfig.Spawner spawner;

  SpawnRequests(EnjoyConfig.Spawner spawner) {
    this.spawner = spawner;
  }

  String image() {
    return spawner.image();
  }

  SpawnRequest build(UserRecord user, ServerKey key, String secret, String apiToken) {
    String safeName = SafeNames.forServer(key);
    Map<String, String> env = new LinkedHashMap<>();
    env.put(WorkerContract.SERVICE_PREFIX, ServicePrefix.of(key));
    env.put(WorkerContract.USER, key.user());
    env.put(WorkerContract.SERVER_NAME, key.server());
    env.put(WorkerContract.BASE_URL, "/");
    env.put(WorkerContract.SERVER_SECRET, secret);
    env.put(WorkerContract.API_TOKEN, apiToken);
    apiUrl().ifPresent(api -> {
      env.put(WorkerContract.API_URL, api);
      env.put(WorkerContract.ACTIVITY_URL, api + "/users/" + ServicePrefix.segment(key.user()) + "/activity");
    });
    if (spawner.memLimit() > 0) {
      env.put(WorkerContract.MEM_LIMIT, Long.toString(spawner.memLimit()));
    }
    if (spawner.cpuLimit() > 0) {
      env.put(WorkerContract.CPU_LIMIT, Double.toString(spawner.cpuLimit()));
    }
    // The home directory belongs to the user, not to the server: named servers share it.
    String homeDir = spawner.homeRoot().resolve(user.safeName()).toAbsolutePath().normalize().toString();
    return new SpawnRequest(key, safeName, spawner.image(), homeDir, user.uid(), env, spawner.memLimit(), spawner.cpuLimit());
  }

  /** {@code spawner.hub_url_for_workers} as the API base: accepted with or without the {@code /hub/api} suffix. */
  private java.util.Optional<String> apiUrl() {
    String base = spawner.hubUrlForWorkers();
    if (base == null || base.isBlank()) {
      return java.util.Optional.empty();
    }
    base = base.strip().replaceAll("/+$", "");
    return java.util.Optional.of(base.endsWith("/hub/api") ? base : base + "/hub/api");
  }
}
