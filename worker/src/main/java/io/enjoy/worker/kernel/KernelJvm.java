package io.enjoy.worker.kernel;

import java.util.List;

/**
 * The kernel JVM's flags, sized from the worker's {@link MemoryLimit}. Every choice was measured
 * with {@code bench/worker/run.sh} (kernel after {@code 1+1}, 2-core machine; numbers are PSS):
 * <ul>
 *   <li>Serial GC: one thread, no remembered sets; the kernel runs one cell at a time.</li>
 *   <li>C1 only ({@code TieredStopAtLevel=1}): the kernel is ready in 1.1–1.2 s instead of
 *       2.2–2.8 s and takes 90 instead of 103–112 MiB (two runs each at load ≈ 8), because
 *       javac and JShell run cold once per kernel and C2 would compile them in the background
 *       on the same two cores. Numeric student loops run somewhat slower.</li>
 *   <li>An explicit heap ceiling from the limit ({@link #heapBytes}) and {@code -XX:MaxRAM}, so
 *       every other ergonomic (code cache, GC sizing) sees the limit too, not the host.</li>
 *   <li>A tiny initial heap: with the JDK's defaults the heap started at 1/64 of the host's RAM
 *       (368 MiB here) and the kernel touched much of it before its first collection (kernel
 *       ~200 MiB PSS host-sized, ~105 MiB sized for 1 GiB, ~91 MiB with these flags and
 *       kernel.jsa). The
 *       low free ratios let the serial collector give memory back after a full collection.
 *       What remains is JShell's live heap after the first cell, ~32 MiB (javac's symbol tables
 *       and the completion index JShell builds of the JDK and the classpath).</li>
 *   <li>The class-data archive is mapped at its fixed address (ArchiveRelocationMode=0; Debian's
 *       17 relocates it by default, which writes every page and makes it private per JVM).</li>
 *   <li>Exit on OutOfMemoryError so the server shows "out of memory" instead of a hung kernel;
 *       no hsperfdata file; headless AWT for the plots.</li>
 *   <li>On Java 25 and later, compact object headers (8 instead of 12 bytes per object): a
 *       student's data (events, four-vectors, histogram bins) takes less heap. After {@code 1+1}
 *       the kernel's footprint was the same with and without (its heap is then a few MiB). The
 *       kernel's AOT cache is trained with this flag too (a cache made without it is ignored).</li>
 * </ul>
 */
public final class KernelJvm {
  private KernelJvm() {}

  /** What a kernel needs besides its heap (metaspace for javac and JShell ~30 MiB, code, threads). */
  static final long KERNEL_NON_HEAP = 128L << 20;
  /** What the server JVM needs at most (its heap is capped at 128 MiB by the spawner's WorkerJvm flags). */
  static final long SERVER_SHARE = 192L << 20;

  /**
   * The kernel's maximum heap: the limit less the server's share and the kernel's own non-heap
   * memory, but at least half the limit so small limits still get a usable kernel (1 GiB gives
   * 704 MiB, 512 MiB gives 256 MiB, 2 GiB gives 1728 MiB).
   */
  public static long heapBytes(MemoryLimit limit) {
    long rest = limit.bytes() - SERVER_SHARE - KERNEL_NON_HEAP;
    long heap = Math.max(limit.bytes() / 2, rest);
    return heap & ~((1L << 20) - 1); // whole MiB, as -Xmx is written below
  }

  /** The first Java release whose compact object headers are a product feature (JEP 519). */
  static final int COMPACT_HEADERS_SINCE = 25;

  /** The kernel flags for the Java this code runs on (a kernel runs on the server's Java). */
  public static List<String> options(MemoryLimit limit) {
    return options(limit, Runtime.version().feature());
  }

  static List<String> options(MemoryLimit limit, int javaFeature) {
    List<String> options = new java.util.ArrayList<>(List.of(
        "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
        "-Xms8m", "-Xmx" + (heapBytes(limit) >> 20) + "m", "-XX:MaxRAM=" + limit.bytes(),
        "-XX:MinHeapFreeRatio=10", "-XX:MaxHeapFreeRatio=20",
        // JShell's javac recurses deeply on long expressions; only the pages a thread touches count.
        "-Xss2m", "-XX:MaxMetaspaceSize=256m",
        "-XX:+UnlockDiagnosticVMOptions", "-XX:ArchiveRelocationMode=0",
        "-XX:+ExitOnOutOfMemoryError", "-XX:-UsePerfData", "-Djava.awt.headless=true"));
    if (javaFeature >= COMPACT_HEADERS_SINCE) {
      options.add("-XX:+UseCompactObjectHeaders");
    }
    return List.copyOf(options);
  }
}
