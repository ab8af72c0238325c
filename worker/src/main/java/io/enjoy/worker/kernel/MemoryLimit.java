package io.enjoy.worker.kernel;

import io.enjoy.conf.worker.WorkerContract;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The memory this worker (server JVM plus its kernel JVMs) may use: {@value WorkerContract#MEM_LIMIT}
 * in bytes as the spawner sets it, else the container's cgroup limit, else {@link #DEFAULT_BYTES}.
 * The local-process backend has no cgroup, so without this every JVM would size itself for the
 * whole host (a 23 GiB host gave each kernel a 368 MiB initial heap).
 *
 * @param bytes  the limit
 * @param source where it came from, for the log and error messages
 */
public record MemoryLimit(long bytes, String source) {

  /** The spawner's default {@code spawner.mem_limit}: what a student server gets when nobody says. */
  public static final long DEFAULT_BYTES = 1L << 30;
  /** Below this a kernel cannot even start JShell next to the server; a smaller MEM_LIMIT is a mistake. */
  public static final long MIN_BYTES = 256L << 20;

  private static final Path CGROUP_V2 = Path.of("/sys/fs/cgroup/memory.max");
  private static final Path CGROUP_V1 = Path.of("/sys/fs/cgroup/memory/memory.limit_in_bytes");

  /** Reads the limit; a malformed or too small MEM_LIMIT is an error naming the variable. */
  public static MemoryLimit fromEnv(Map<String, String> env) {
    String raw = env.get(WorkerContract.MEM_LIMIT);
    if (raw != null && !raw.isBlank()) {
      long bytes;
      try {
        bytes = Long.parseLong(raw.strip());
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(WorkerContract.MEM_LIMIT + " must be a number of bytes, got '" + raw + "'");
      }
      if (bytes < MIN_BYTES) {
        throw new IllegalArgumentException(WorkerContract.MEM_LIMIT + " is " + bytes + " bytes; a worker needs at least "
            + (MIN_BYTES >> 20) + " MiB (server and kernel JVM)");
      }
      return new MemoryLimit(bytes, WorkerContract.MEM_LIMIT);
    }
    for (Path cgroup : new Path[] {CGROUP_V2, CGROUP_V1}) {
      Long bytes = cgroupLimit(cgroup);
      if (bytes != null) {
        return new MemoryLimit(Math.max(bytes, MIN_BYTES), cgroup.toString());
      }
    }
    return new MemoryLimit(DEFAULT_BYTES, "default");
  }

  /** The cgroup's limit, or null when there is none ("max", a huge v1 value) or no such file. */
  private static Long cgroupLimit(Path file) {
    try {
      String text = Files.readString(file).strip();
      long bytes = Long.parseLong(text);
      return bytes > 0 && bytes < (1L << 50) ? bytes : null;
    } catch (IOException | NumberFormatException | SecurityException e) {
      return null;
    }
  }

  @Override
  public String toString() {
    return (bytes >> 20) + " MiB (" + source + ")";
  }
}
