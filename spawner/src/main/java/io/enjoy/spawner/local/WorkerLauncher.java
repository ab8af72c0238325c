package io.enjoy.spawner.local;

import io.enjoy.conf.worker.WorkerContract;
import io.enjoy.spawner.SpawnFailure;
import io.enjoy.spawner.WorkerJvm;
import java.io.File;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** Starts the worker program as a detached local process. Blocking. */
final class WorkerLauncher {
  private static final Path SETSID = Path.of("/usr/bin/setsid");
  private static final int LOG_TAIL_LINES = 20;
  /** Variables of the hub's own environment a worker may see; hub secrets must never leak. */
  private static final List<String> INHERITED_ENV = List.of("PATH", "LANG", "LC_ALL", "TZ", "JAVA_HOME");

  private final Path workerDist;
  private final Path logDir;

  WorkerLauncher(Path workerDist, Path logDir) {
    this.workerDist = workerDist;
    this.logDir = logDir;
  }

  /** A started worker and where its output goes. */
  record LaunchedWorker(Process process, int port, Path logFile) {
    /** Null while the process runs; otherwise its exit code and the last lines it wrote. */
    String deathReason() {
      if (process.isAlive()) {
        return null;
      }
      String tail = tail(logFile);
      return "the worker process exited with code " + process.exitValue()
          + (tail.isBlank() ? "; it wrote no output" : "; last log lines (" + logFile + "):\n" + tail);
    }
  }

  LaunchedWorker launch(String name, Map<String, String> workerEnv, Path home, int port) throws IOException {
    checkedLib();
    Files.createDirectories(logDir);
    Path logFile = logDir.resolve(name + ".log");
    List<String> command = new ArrayList<>();
    if (Files.isExecutable(SETSID)) {
      // Own session: a Ctrl-C or SIGHUP aimed at the hub's terminal must not reach user servers.
      command.add(SETSID.toString());
    }
    command.add(javaBinary());
    command.addAll(WorkerJvm.FLAGS);
    // The worker build's class-data archive for the server (Vert.x, Netty, the worker); a JVM
    // other than the one that made it ignores it (-Xshare:auto).
    Path archive = workerDist.toAbsolutePath().resolve(WorkerJvm.ARCHIVE_NAME);
    if (Files.isReadable(archive)) {
      command.add("-XX:SharedArchiveFile=" + archive);
      command.add("-Xshare:auto");
    }
    command.addAll(List.of("-cp", classpath(), WorkerContract.MAIN_CLASS));
    ProcessBuilder builder = new ProcessBuilder(command)
        .directory(home.toFile())
        .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
    Map<String, String> env = builder.environment();
    Map<String, String> own = Map.copyOf(env);
    env.clear();
    INHERITED_ENV.forEach(k -> {
      if (own.containsKey(k)) {
        env.put(k, own.get(k));
      }
    });
    env.put("HOME", home.toString());
    env.putAll(workerEnv);
    try {
      return new LaunchedWorker(builder.start(), port, logFile);
    } catch (IOException e) {
      throw new SpawnFailure(SpawnFailure.FAILED, "could not start the worker process " + command + ": " + e.getMessage(), e);
    }
  }

  /** The worker's classpath argument, {@code <worker_dist>/lib/*}; null when worker_dist is not set. */
  String classpath() {
    return workerDist == null ? null : workerDist.toAbsolutePath().resolve("lib") + File.separator + "*";
  }

  /** True when the process runs the worker's main class, or when the OS does not tell (other users). */
  static boolean isWorker(ProcessHandle process) {
    return process.info().arguments()
        .map(args -> Arrays.asList(args).contains(WorkerContract.MAIN_CLASS))
        .orElse(true);
  }

  private Path checkedLib() {
    if (workerDist == null) {
      throw new SpawnFailure(SpawnFailure.FAILED, "spawner.worker_dist is not set: the local-process backend needs the worker's jars");
    }
    Path lib = workerDist.toAbsolutePath().resolve("lib");
    boolean hasJars;
    try (Stream<Path> files = Files.isDirectory(lib) ? Files.list(lib) : Stream.empty()) {
      hasJars = files.anyMatch(f -> f.toString().endsWith(".jar"));
    } catch (IOException e) {
      hasJars = false;
    }
    if (!hasJars) {
      throw new SpawnFailure(SpawnFailure.FAILED, "spawner.worker_dist = " + workerDist + ": " + lib
          + " holds no worker jars; build them with 'mvn -B -q -pl worker -am package -DskipTests'");
    }
    return lib;
  }

  /** The running JVM's own java binary, so the worker runs on the same Java as the hub. */
  static String javaBinary() {
    return ProcessHandle.current().info().command()
        .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
  }

  static String tail(Path file) {
    try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "r")) {
      long start = Math.max(0, raf.length() - 16_384);
      byte[] bytes = new byte[(int) (raf.length() - start)];
      raf.seek(start);
      raf.readFully(bytes);
      List<String> lines = new String(bytes, StandardCharsets.UTF_8).strip().lines().toList();
      return String.join("\n", lines.subList(Math.max(0, lines.size() - LOG_TAIL_LINES), lines.size()));
    } catch (IOException e) {
      return "";
    }
  }
}
