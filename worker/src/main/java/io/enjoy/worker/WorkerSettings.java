package io.enjoy.worker;

import io.enjoy.conf.worker.WorkerContract;
import io.enjoy.worker.kernel.KernelJvm;
import io.enjoy.worker.kernel.MemoryLimit;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The worker's settings, read from the environment the spawner sets ({@link WorkerContract}).
 * A missing secret or a malformed value stops the start with a message naming the variable.
 *
 * @param hubBaseUrl        the hub's base URL ({@code JUPYTERHUB_BASE_URL}, ending in '/'), or null when
 *                          the worker runs without a hub; the pages link to its control panel at {@code hub/home}
 * @param memoryLimit       what the server and its kernels may use together ({@link MemoryLimit})
 * @param kernelJavaOptions JVM flags of each kernel JVM: {@link KernelJvm#options} for the limit,
 *                          then {@value #KERNEL_JAVA_OPTIONS} (space separated; a later flag wins)
 */
public record WorkerSettings(
    String servicePrefix,
    String secret,
    String bindHost,
    int port,
    Path notebookDir,
    String serverName,
    String activityUrl,
    String apiToken,
    Duration activityInterval,
    String hubBaseUrl,
    MemoryLimit memoryLimit,
    List<String> kernelJavaOptions) {

  /** Worker-internal: extra flags for the kernel JVMs, after the ones sized from the memory limit. */
  public static final String KERNEL_JAVA_OPTIONS = "ENJOY_KERNEL_JAVA_OPTIONS";

  public static WorkerSettings fromEnv(Map<String, String> env) {
    String secret = env.get(WorkerContract.SERVER_SECRET);
    if (secret == null || secret.isBlank()) {
      throw new IllegalArgumentException(WorkerContract.SERVER_SECRET + " is not set: the worker refuses to start "
          + "without the per-server secret (every request must carry it in " + WorkerContract.SECRET_HEADER + ")");
    }
    String prefix = env.getOrDefault(WorkerContract.SERVICE_PREFIX, "/");
    if (!prefix.startsWith("/")) {
      throw new IllegalArgumentException(WorkerContract.SERVICE_PREFIX + " must start with '/': " + prefix);
    }
    if (!prefix.endsWith("/")) {
      prefix = prefix + "/";
    }
    String home = env.getOrDefault("HOME", System.getProperty("user.home"));
    Path notebookDir = Path.of(env.getOrDefault(WorkerContract.NOTEBOOK_DIR, home));
    String hubBase = blankToNull(env.get(WorkerContract.BASE_URL));
    if (hubBase != null && !hubBase.endsWith("/")) {
      hubBase = hubBase + "/";
    }
    MemoryLimit memoryLimit = MemoryLimit.fromEnv(env);
    List<String> kernelOptions = new java.util.ArrayList<>(KernelJvm.options(memoryLimit));
    String extra = env.get(KERNEL_JAVA_OPTIONS);
    if (extra != null && !extra.isBlank()) {
      kernelOptions.addAll(List.of(extra.strip().split("\\s+")));
    }
    return new WorkerSettings(
        prefix,
        secret,
        env.getOrDefault(WorkerContract.BIND_HOST, "0.0.0.0"),
        intValue(env, WorkerContract.PORT, WorkerContract.DEFAULT_PORT, 0, 65535),
        notebookDir,
        env.getOrDefault(WorkerContract.SERVER_NAME, ""),
        blankToNull(env.get(WorkerContract.ACTIVITY_URL)),
        blankToNull(env.get(WorkerContract.API_TOKEN)),
        Duration.ofSeconds(intValue(env, WorkerContract.ACTIVITY_INTERVAL, 300, 1, 86400)),
        hubBase,
        memoryLimit,
        List.copyOf(kernelOptions));
  }

  /** Never prints the secret or the token. */
  @Override
  public String toString() {
    return "WorkerSettings[prefix=" + servicePrefix + ", bind=" + bindHost + ":" + port + ", notebookDir=" + notebookDir + ", memory=" + memoryLimit
        + ", activity=" + (reportsActivity() ? activityUrl + " every " + activityInterval.toSeconds() + "s" : "off") + "]";
  }

  public boolean reportsActivity() {
    return activityUrl != null && apiToken != null;
  }

  private static int intValue(Map<String, String> env, String name, int fallback, int min, int max) {
    String raw = env.get(name);
    if (raw == null || raw.isBlank()) {
      return fallback;
    }
    try {
      int v = Integer.parseInt(raw.strip());
      if (v < min || v > max) {
        throw new IllegalArgumentException(name + " must be between " + min + " and " + max + ", got " + raw);
      }
      return v;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(name + " must be an integer, got '" + raw + "'");
    }
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s;
  }
}
