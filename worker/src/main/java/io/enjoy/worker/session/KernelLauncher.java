package io.enjoy.worker.session;

import io.enjoy.conf.worker.WorkerContract;
import io.enjoy.worker.kernel.KernelProtocol;
import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * How a kernel JVM is started: the same Java and classpath as the server (the dist folder holds
 * the analysis library and the display runtime), the kernel flags, the notebook's folder as the
 * working directory, and an environment without the server's secrets (cell code can read its env).
 */
public record KernelLauncher(Path javaExecutable, String classpath, List<String> javaOptions) {

  /** Where a kernel class-data archive is looked for: {@code kernel.jsa} beside the jar folder (dist/kernel.jsa). */
  public static final String ARCHIVE_NAME = "kernel.jsa";

  /**
   * The launcher for the JVM this code runs in. If the distribution has a kernel class-data
   * archive ({@code <dist>/kernel.jsa}: the worker build and the image build make it with
   * {@code KernelMain --train} under {@code -XX:ArchiveClassesAtExit}), kernels use it. Measured
   * with bench/worker (local backend, 1 GiB limit): ~12 MiB less PSS per kernel and the kernel
   * ready ~0.3 s sooner. A stale or foreign archive is ignored (-Xshare:auto).
   */
  public static KernelLauncher ofCurrentJvm(List<String> javaOptions) {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    List<String> options = new ArrayList<>(javaOptions);
    archiveBesideJars().ifPresent(archive -> {
      if (options.stream().noneMatch(o -> o.startsWith("-XX:SharedArchiveFile"))) {
        options.add("-XX:SharedArchiveFile=" + archive);
        options.add("-Xshare:auto");
      }
    });
    return new KernelLauncher(java, System.getProperty("java.class.path"), List.copyOf(options));
  }

  static java.util.Optional<Path> archiveBesideJars() {
    try {
      Path jar = Path.of(KernelLauncher.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      Path candidate = jar.getParent() == null || jar.getParent().getParent() == null ? null
          : jar.getParent().getParent().resolve(ARCHIVE_NAME);
      return candidate != null && java.nio.file.Files.isReadable(candidate) ? java.util.Optional.of(candidate) : java.util.Optional.empty();
    } catch (java.net.URISyntaxException | RuntimeException e) {
      return java.util.Optional.empty();
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
