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

  /** The launcher for the JVM this code runs in. */
  public static KernelLauncher ofCurrentJvm(List<String> javaOptions) {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    return new KernelLauncher(java, System.getProperty("java.class.path"), javaOptions);
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
