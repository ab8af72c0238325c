package io.enjoy.e2e;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Looks at user servers the way an admin on the host would: {@code docker} for containers,
 * {@code /proc} for local worker processes. Independent of the hub, so the tests see what is
 * really running, not what the hub believes.
 */
final class Workers {
  private Workers() {}

  interface Worker {
    Map<String, String> labels();

    Path homeDir();

    boolean isRunning() throws Exception;
  }

  static Worker find(String backend, Path work, String user) throws Exception {
    return "docker".equals(backend) ? container(work, user) : localProcess(work);
  }

  private static Worker container(Path work, String user) throws Exception {
    for (String id : docker("ps", "-q", "--filter", "label=enjoy.user=" + user).lines().toList()) {
      JsonObject inspect = new JsonArray(docker("inspect", id)).getJsonObject(0);
      Optional<Path> home = homeMount(inspect);
      if (home.isPresent() && home.get().startsWith(work)) {
        Map<String, String> labels = new java.util.HashMap<>();
        inspect.getJsonObject("Config").getJsonObject("Labels").forEach(e -> labels.put(e.getKey(), String.valueOf(e.getValue())));
        return new Worker() {
          @Override public Map<String, String> labels() { return labels; }
          @Override public Path homeDir() { return home.get(); }
          @Override public boolean isRunning() throws Exception {
            String state = dockerOrEmpty("inspect", "-f", "{{.State.Running}}", id).trim();
            return "true".equals(state);
          }
        };
      }
    }
    throw new AssertionError("no container labelled enjoy.user=" + user + " with a home under " + work);
  }

  private static Optional<Path> homeMount(JsonObject inspect) {
    return inspect.getJsonArray("Mounts", new JsonArray()).stream()
        .map(JsonObject.class::cast)
        .filter(m -> "/home/enjoy".equals(m.getString("Destination")))
        .map(m -> Path.of(m.getString("Source")))
        .findFirst();
  }

  private static Worker localProcess(Path work) {
    ProcessHandle handle = localWorkers(work).stream().findFirst()
        .orElseThrow(() -> new AssertionError("no local worker process with a home under " + work));
    Path home = cwd(handle).orElseThrow();
    return new Worker() {
      @Override public Map<String, String> labels() { return Map.of(); }
      @Override public Path homeDir() { return home; }
      @Override public boolean isRunning() { return handle.isAlive(); }
    };
  }

  private static List<ProcessHandle> localWorkers(Path work) {
    return ProcessHandle.allProcesses()
        .filter(p -> p.info().commandLine().orElse("").contains("io.enjoy.worker.WorkerMain"))
        .filter(p -> cwd(p).map(dir -> dir.startsWith(work)).orElse(false))
        .toList();
  }

  private static Optional<Path> cwd(ProcessHandle process) {
    try {
      return Optional.of(Files.readSymbolicLink(Path.of("/proc", Long.toString(process.pid()), "cwd")));
    } catch (IOException | UnsupportedOperationException gone) {
      return Optional.empty();
    }
  }

  /** How many worker containers and processes have a home under {@code work}. */
  static long countUnder(Path work) throws Exception {
    long containers = dockerOrEmpty("ps", "-q", "--filter", "label=enjoy.user").lines()
        .filter(id -> {
          try {
            String json = dockerOrEmpty("inspect", id);
            return !json.isBlank() && homeMount(new JsonArray(json).getJsonObject(0)).map(h -> h.startsWith(work)).orElse(false);
          } catch (Exception e) {
            return false;
          }
        })
        .count();
    return containers + localWorkers(work).size();
  }

  /** Removes every container and process a test started under {@code work}, whatever the hub thinks. */
  static void removeAll(Path work) throws Exception {
    for (String id : dockerOrEmpty("ps", "-aq", "--filter", "label=enjoy.user").lines().toList()) {
      String json = dockerOrEmpty("inspect", id);
      if (!json.isBlank() && homeMount(new JsonArray(json).getJsonObject(0)).map(h -> h.startsWith(work)).orElse(false)) {
        dockerOrEmpty("rm", "-f", id);
      }
    }
    for (ProcessHandle process : localWorkers(work)) {
      process.destroyForcibly();
    }
  }

  static String docker(String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of("docker"));
    command.addAll(List.of(args));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
      throw new IllegalStateException("docker " + String.join(" ", args) + " failed: " + out);
    }
    return out;
  }

  static String dockerOrEmpty(String... args) throws Exception {
    try {
      return docker(args);
    } catch (IllegalStateException missing) {
      return "";
    }
  }
}
