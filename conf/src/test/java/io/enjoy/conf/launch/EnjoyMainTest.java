package io.enjoy.conf.launch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.enjoy.conf.ConfigException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EnjoyMainTest {

  @TempDir Path dir;

  @Test
  void configOptionWinsOverTheEnvironmentVariable() throws IOException {
    Path fromOption = Files.writeString(dir.resolve("a.yaml"), "culler:\n  timeout: 5s\n");
    Path fromEnv = Files.writeString(dir.resolve("b.yaml"), "culler:\n  timeout: 7s\n");
    EnjoyMain.Startup startup = EnjoyMain.prepare(new String[] {"--config", fromOption.toString()}, Map.of("ENJOY_CONFIG", fromEnv.toString()));
    assertEquals(fromOption, startup.file());
    assertEquals(Duration.ofSeconds(5), startup.config().culler().timeout());
  }

  @Test
  void environmentVariableNamesTheFileWhenNoOptionIsGiven() throws IOException {
    Path fromEnv = Files.writeString(dir.resolve("b.yaml"), "culler:\n  timeout: 7s\n");
    EnjoyMain.Startup startup = EnjoyMain.prepare(new String[0], Map.of("ENJOY_CONFIG", fromEnv.toString()));
    assertEquals(Duration.ofSeconds(7), startup.config().culler().timeout());
  }

  @Test
  void noFileMeansDefaults() {
    EnjoyMain.Startup startup = EnjoyMain.prepare(new String[0], Map.of());
    assertEquals(null, startup.file());
    assertEquals("built-in defaults", startup.source());
  }

  @Test
  void unknownArgumentIsAUsageError() {
    EnjoyMain.UsageException e = assertThrows(EnjoyMain.UsageException.class, () -> EnjoyMain.prepare(new String[] {"--conf", "x"}, Map.of()));
    assertEquals("unknown argument \"--conf\"", e.getMessage());
    assertThrows(EnjoyMain.UsageException.class, () -> EnjoyMain.prepare(new String[] {"--config"}, Map.of()));
  }

  @Test
  void badConfigurationIsNamedWithTheFile() throws IOException {
    Path file = Files.writeString(dir.resolve("bad.yaml"), "culer: {}\n");
    ConfigException e = assertThrows(ConfigException.class, () -> EnjoyMain.prepare(new String[] {"--config", file.toString()}, Map.of()));
    assertEquals(file.toString(), e.source());
  }

  // The process tests run the real main class in a child JVM with this test's classpath, whose
  // META-INF/services registers the "probe" and "failing" roles.

  private Process launch(Map<String, String> env, String... args) throws IOException {
    List<String> command = new java.util.ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), EnjoyMain.class.getName()));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile())
        .redirectOutput(dir.resolve("stdout").toFile())
        .redirectError(dir.resolve("stderr").toFile());
    builder.environment().keySet().removeIf(k -> k.startsWith("ENJOY_"));
    builder.environment().putAll(env);
    return builder.start();
  }

  private String stdout() throws IOException {
    return Files.readString(dir.resolve("stdout"), StandardCharsets.UTF_8);
  }

  private String stderr() throws IOException {
    return Files.readString(dir.resolve("stderr"), StandardCharsets.UTF_8);
  }

  @Test
  void badConfigurationExitsWithTwoAndNamesFileKeyAndReason() throws Exception {
    Path file = Files.writeString(dir.resolve("bad.yaml"), "culler:\n  timeout: ten minutes\nspawner:\n  backend: podman\n");
    Process p = launch(Map.of("ENJOY_ROLES", "probe"), "--config", file.toString());
    assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the process ends by itself");
    String err = stderr();
    String out = stdout();
    assertEquals(2, p.exitValue(), err);
    assertEquals("enjoy: configuration error in " + file + ":\n"
        + "  culler.timeout: expected a duration such as 600s, 10m or 1h, got \"ten minutes\" (line 2)\n"
        + "  spawner.backend: must be one of auto, docker, local; got \"podman\" (line 4)\n", err);
    assertTrue(!out.contains("started"), "nothing was started: " + out);
  }

  @Test
  void unknownRoleExitsWithTwoBeforeStartingAnything() throws Exception {
    Process p = launch(Map.of("ENJOY_ROLES", "probe,culer"));
    assertTrue(p.waitFor(60, TimeUnit.SECONDS));
    String err = stderr();
    assertEquals(2, p.exitValue(), err);
    assertTrue(err.startsWith("enjoy: configuration error in built-in defaults:\n  roles: unknown role \"culer\"; available on this node's classpath: failing, probe"), err);
    assertTrue(!stdout().contains("role probe started"));
  }

  @Test
  void failingRoleExitsWithOneAndPrintsTheRealCause() throws Exception {
    Process p = launch(Map.of("ENJOY_ROLES", "probe,failing"));
    assertTrue(p.waitFor(60, TimeUnit.SECONDS));
    String err = stderr();
    assertEquals(1, p.exitValue(), err);
    assertTrue(err.contains("enjoy: role failing failed to start: " + FailingRole.FAILURE), err);
    assertTrue(err.contains("caused by: java.net.BindException: " + FailingRole.FAILURE), err);
  }

  @Test
  void runningNodeLogsItsRolesAndStopsCleanlyOnTermination() throws Exception {
    Process p = launch(Map.of("ENJOY_ROLES", "probe"));
    try {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (!stdout().contains("role probe started") && p.isAlive() && System.nanoTime() < deadline) {
        Thread.sleep(100);
      }
      assertTrue(stdout().contains("role probe started"), "the node logs the role it started: " + stdout() + stderr());
      Thread.sleep(500);
      assertTrue(p.isAlive(), "the node keeps running after main returns");
      p.destroy(); // SIGTERM runs the shutdown hook
      assertTrue(p.waitFor(60, TimeUnit.SECONDS));
      assertTrue(stdout().contains("node stopped"), "the shutdown hook closed Vert.x: " + stdout());
    } finally {
      p.destroyForcibly();
    }
  }
}
