package io.enjoy.worker.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.enjoy.conf.worker.WorkerContract;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The kernel JVM's heap follows the memory limit the spawner gives the worker. */
class KernelJvmTest {

  private static MemoryLimit limit(String bytes) {
    return MemoryLimit.fromEnv(Map.of(WorkerContract.MEM_LIMIT, bytes));
  }

  @Test
  void theKernelGetsTheLimitLessTheServersShareButAtLeastHalf() {
    assertTrue(KernelJvm.options(limit(Long.toString(1L << 30))).contains("-Xmx704m"));
    assertTrue(KernelJvm.options(limit(Long.toString(512L << 20))).contains("-Xmx256m"));
    assertTrue(KernelJvm.options(limit(Long.toString(2L << 30))).contains("-Xmx1728m"));
    assertTrue(KernelJvm.options(limit(Long.toString(1L << 30))).contains("-XX:MaxRAM=" + (1L << 30)),
        "every other ergonomic sees the limit too, not the host");
  }

  @Test
  void aMalformedLimitIsAnErrorNamingTheVariable() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> limit("1g"));
    assertEquals("MEM_LIMIT must be a number of bytes, got '1g'", e.getMessage());
  }

  @Test
  void aLimitTooSmallForTwoJvmsIsAnError() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> limit(Long.toString(100L << 20)));
    assertTrue(e.getMessage().contains("at least 256 MiB"), e.getMessage());
  }
}
