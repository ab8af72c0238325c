package io.enjoy.worker.session;

import io.enjoy.conf.worker.WorkerContract;
import io.enjoy.worker.kernel.KernelProtocol;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * How a kernel JVM is started: the same Java and classpath as the server (the dist folder holds
 * the analysis library and the display runtime), the kernel flags, the notebook's folder as the
 * working directory, and an environment without the server's secrets (cell code can read its env).
 */
public record KernelLauncher(Path javaExecutable, String classpath, List<String> javaOptions) {

  /** The kernel's class-data archive beside the jar folder ({@code dist/kernel.jsa}), used on Java 17 to 24. */
  public static final String ARCHIVE_NAME = "kernel.jsa";
  /** The kernel's AOT cache beside the jar folder ({@code /opt/enjoy/kernel.aot} in the image), used on Java 25 and later. */
  public static final String AOT_CACHE_NAME = "kernel.aot";
  /** The first release with one-step AOT cache training and method profiles (JEP 514, 515). */
  static final int AOT_CACHE_SINCE = 25;

  /**
   * The launcher for the JVM this code runs in, with the kernel's start-up cache when the
   * distribution has one for this Java: {@code kernel.aot} on 25 and later (the image build
   * trains it with {@code KernelMain --train} under {@code -XX:AOTCacheOutput}), else
   * {@code kernel.jsa} (the worker build and a Java 17 image build make it under
   * {@code -XX:ArchiveClassesAtExit}). Measured with bench/worker (local backend, 1 GiB
   * limit): the class-data archive saves ~12 MiB PSS per kernel and ~0.3 s; the AOT cache's
   * gain is in bench/worker/RESULTS.md. A stale or foreign cache is ignored by the JVM.
   */
  public static KernelLauncher ofCurrentJvm(List<String> javaOptions) {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    List<String> options = new ArrayList<>(javaOptions);
    boolean chosen = options.stream().anyMatch(o -> o.startsWith("-XX:SharedArchiveFile") || o.startsWith("-XX:AOTCache"));
    if (!chosen) {
      options.addAll(cacheOptions(Runtime.version().feature(), distDir()));
    }
    return new KernelLauncher(java, System.getProperty("java.class.path"), List.copyOf(options));
  }

  /** The flags that make a kernel on Java {@code javaFeature} use the start-up cache in {@code dist}, if it has one. */
  static List<String> cacheOptions(int javaFeature, Optional<Path> dist) {
    if (dist.isEmpty()) {
      return List.of();
    }
    Path aot = dist.get().resolve(AOT_CACHE_NAME);
    Path jsa = dist.get().resolve(ARCHIVE_NAME);
    if (javaFeature >= AOT_CACHE_SINCE && Files.isReadable(aot)) {
      return List.of("-XX:AOTCache=" + aot);
    }
    if (Files.isReadable(jsa)) {
      return List.of("-XX:SharedArchiveFile=" + jsa, "-Xshare:auto");
    }
    return List.of();
  }

  /** The folder above the jar folder this class was loaded from (dist/, or /opt/enjoy in the image). */
  static Optional<Path> distDir() {
    try {
      Path jar = Path.of(KernelLauncher.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      return Optional.ofNullable(jar.getParent()).map(Path::getParent);
    } catch (java.net.URISyntaxException | RuntimeException e) {
      return Optional.empty();
    }
  }

  ProcessBuilder processFor(Path workingDir, int port, String token) {
    List<String> command = new ArrayList<>();
    command.add(javaExecutable.toString());
    command.addAll(javaOptions);
    command.add("-cp");
    command.add(classpath);
    command.add(KernelProtocol.MAIN_CLASS);
    ProcessBuilder pb = new ProcessBuilder(command).directory(workingDir.toFile());
    Map<String, String> env = pb.environment();
    env.remove(WorkerContract.SERVER_SECRET);
    env.remove(WorkerContract.API_TOKEN);
    env.remove("JPY_API_TOKEN");
    env.put(KernelProtocol.ENV_PORT, Integer.toString(port));
    env.put(KernelProtocol.ENV_TOKEN, token);
    pb.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
    pb.redirectOutput(ProcessBuilder.Redirect.INHERIT);
    pb.redirectError(ProcessBuilder.Redirect.INHERIT);
    return pb;
  }
}
