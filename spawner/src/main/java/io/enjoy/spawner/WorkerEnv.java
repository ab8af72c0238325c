package io.enjoy.spawner;

import io.enjoy.conf.bus.SpawnRequest;
import io.enjoy.conf.worker.WorkerContract;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** The environment a worker starts with: the hub's variables plus what the backend decides. */
public final class WorkerEnv {
  private WorkerEnv() {}

  /**
   * The request's environment, then the backend's own facts (bind address, port, notebook
   * directory) which always win, then the JupyterHub limit variables if the hub did not set them.
   */
  public static Map<String, String> of(SpawnRequest request, String bindHost, int port, String notebookDir) {
    Map<String, String> env = new LinkedHashMap<>(request.env());
    env.put(WorkerContract.BIND_HOST, bindHost);
    env.put(WorkerContract.PORT, Integer.toString(port));
    env.put(WorkerContract.NOTEBOOK_DIR, notebookDir);
    if (request.memLimitBytes() > 0) {
      env.putIfAbsent(WorkerContract.MEM_LIMIT, Long.toString(request.memLimitBytes()));
    }
    if (request.cpuLimit() > 0) {
      env.putIfAbsent(WorkerContract.CPU_LIMIT, String.format(Locale.ROOT, "%.2f", request.cpuLimit()));
    }
    return env;
  }

  /** The path the worker serves under, from the request; {@code /} when the hub sent none. */
  public static String servicePrefix(Map<String, String> env) {
    return normalisePrefix(env.get(WorkerContract.SERVICE_PREFIX));
  }

  public static String normalisePrefix(String prefix) {
    if (prefix == null || prefix.isBlank()) {
      return "/";
    }
    String p = prefix.startsWith("/") ? prefix : "/" + prefix;
    return p.endsWith("/") ? p : p + "/";
  }

  public static String secret(Map<String, String> env) {
    return env.get(WorkerContract.SERVER_SECRET);
  }
}
