package io.enjoy.worker;

import io.enjoy.conf.worker.WorkerContract;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The worker's settings, read from the environment the spawner sets ({@link WorkerContract}).
 * A missing secret or a malformed value stops the start with a message naming the variable.
 *
 * @param hubBaseUrl the hub's base URL ({@code JUPYTERHUB_BASE_URL}, ending in '/'), or null when
 *     the worker runs without a hub; the pages link to its control panel at {@code hub/home}
 * @param kernelJavaOptions JVM flags of each kernel JVM ({@value #KERNEL_JAVA_OPTIONS}, space separated)
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
    List<String> kernelJavaOptions) {

  /** Worker-internal: flags for the kernel JVMs, e.g. to give them a bigger heap. */
  public static final String KERNEL_JAVA_OPTIONS = "ENJOY_KERNEL_JAVA_OPTIONS";

  /**
   * Small and quick to start: serial GC, C1 only (kernel ready in ~2.6 s instead of ~5.9 s with
   * C2 on a busy 2-core machine; RSS ~145 MB after warm-up), a capped heap
   * and metaspace, exit on OOM so the server reports "out of memory" instead of a hung kernel,
   * and no hsperfdata file (nothing written to /tmp).
   */
  public static final List<String> DEFAULT_KERNEL_JAVA_OPTIONS = List.of(
      "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xss2m", "-XX:MaxRAMPercentage=50",
      "-XX:MaxMetaspaceSize=256m", "-XX:+ExitOnOutOfMemoryError", "-XX:-UsePerfData", "-Djava.awt.headless=true");

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
    String kernelOptions = env.get(KERNEL_JAVA_OPTIONS);
    String hubBase = blankToNull(env.get(WorkerContract.BASE_URL));
    if (hubBase != null && !hubBase.endsWith("/")) {
      hubBase = hubBase + "/";
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
        kernelOptions == null || kernelOptions.isBlank()
            ? DEFAULT_KERNEL_JAVA_OPTIONS : List.of(kernelOptions.strip().split("\\s+")));
  }

  /** Never prints the secret or the token. */
  @Override
  public String toString() {
    return "WorkerSettings[prefix=" + servicePrefix + ", bind=" + bindHost + ":" + port + ", notebookDir=" + notebookDir
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
