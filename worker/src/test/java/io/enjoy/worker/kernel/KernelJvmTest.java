package io.enjoy.worker.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.enjoy.conf.worker.WorkerContract;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The kernel JVM's heap follows the memory limit the spawner gives the worker; its flags suit the Java it runs on. */
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
  void compactObjectHeadersOnlyWhereTheJavaHasThem() {
    MemoryLimit oneGig = limit(Long.toString(1L << 30));
    assertFalse(KernelJvm.options(oneGig, 17).contains("-XX:+UseCompactObjectHeaders"), "Java 17 refuses to start with it");
    assertTrue(KernelJvm.options(oneGig, 25).contains("-XX:+UseCompactObjectHeaders"));
  }

  /** A flag a runtime does not know stops the kernel JVM at once ("Unrecognized VM option"). */
  @Test
  void theKernelFlagsStartBothJava17AndJava25() throws Exception {
    MemoryLimit oneGig = limit(Long.toString(1L << 30));
    Path java17 = Path.of(System.getProperty("java.home"), "bin", "java");
    assumeTrue(Runtime.version().feature() == 17, "the build runs on Java 17");
    assumeTrue(Files.isExecutable(JAVA_25), "Temurin 25 at " + JAVA_25);
    assertEquals("", startAndExit(java17, KernelJvm.options(oneGig, 17)));
    assertEquals("", startAndExit(JAVA_25, KernelJvm.options(oneGig, 25)));
  }

  private static final Path JAVA_25 = Path.of("/usr/lib/jvm/temurin-25-jdk-amd64/bin/java");

  /** Runs {@code java <options> -version}; "" if it started, else its output. */
  private static String startAndExit(Path java, List<String> options) throws Exception {
    List<String> command = new ArrayList<>(List.of(java.toString()));
    command.addAll(options);
    command.add("-version");
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    return p.waitFor() == 0 ? "" : output;
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
