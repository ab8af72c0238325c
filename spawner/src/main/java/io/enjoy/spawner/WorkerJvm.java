package io.enjoy.spawner;

import java.util.List;

/**
 * JVM flags for the worker process, the same for the local backend as in the worker image's
 * CMD (spawner/image/Dockerfile, keep the two in step). The worker is an I/O server that mostly
 * waits; a small heap with SerialGC and C1 only keeps its resident size low. Its heap is capped
 * at a fixed 128 MiB whatever the memory limit: the server's needs (open notebooks, buffers) do
 * not grow with it, and the kernel JVM gets the rest of MEM_LIMIT (worker's KernelJvm assumes
 * this share). Without the cap the server sized itself for the host (a quarter of 23 GiB).
 */
public final class WorkerJvm {
  private WorkerJvm() {}

  /** The server's class-data archive in the worker distribution ({@code worker/target/dist}), made by its build. */
  public static final String ARCHIVE_NAME = "worker.jsa";

  public static final List<String> FLAGS = List.of(
      // Map the class-data archive at its fixed address: relocating it (Debian's 17 default)
      // makes its pages private to each JVM instead of shared (measured 20 MiB per worker).
      "-XX:+UnlockDiagnosticVMOptions",
      "-XX:ArchiveRelocationMode=0",
      "-XX:+UseSerialGC",
      "-Xss512k",
      // Starts small (the JDK default is 1/64 of the host's RAM, which a server then touches).
      "-Xms8m",
      "-Xmx128m",
      "-XX:MinHeapFreeRatio=10",
      "-XX:MaxHeapFreeRatio=30",
      "-XX:TieredStopAtLevel=1",
      "-XX:ReservedCodeCacheSize=64m",
      "-XX:MaxMetaspaceSize=128m");
  // No -Xshare flag here: the image's Java 25 refuses one next to -XX:AOTCache. Where a
  // class-data archive is given, -Xshare:auto goes with it (a foreign archive is then ignored).
}
