package io.enjoy.spawner;

import java.util.List;

/**
 * JVM flags for the worker process, the same for the local backend as in the worker image's
 * CMD (spawner/image/Dockerfile, keep the two in step). The worker is an I/O server that mostly
 * waits; a small heap with SerialGC and C1 only keeps its resident size low, and the kernel JVM
 * it starts for notebook code sizes itself separately.
 */
public final class WorkerJvm {
  private WorkerJvm() {}

  public static final List<String> FLAGS = List.of(
      // Map the class-data archive at its fixed address: relocating it (Debian's 17 default)
      // makes its pages private to each JVM instead of shared (measured 20 MiB per worker).
      "-XX:+UnlockDiagnosticVMOptions",
      "-XX:ArchiveRelocationMode=0",
      "-XX:+UseSerialGC",
      "-Xss512k",
      "-XX:MaxRAMPercentage=40",
      "-XX:TieredStopAtLevel=1",
      "-XX:ReservedCodeCacheSize=64m",
      "-XX:MaxMetaspaceSize=128m",
      "-Xshare:auto");
}
