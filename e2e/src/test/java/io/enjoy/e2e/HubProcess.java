package io.enjoy.e2e;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * The hub as a real operating-system process: {@code EnjoyMain} in its own JVM, started from the
 * test classpath (which holds every module), with a config file and environment overrides. Stopping
 * it sends SIGTERM, exactly what an admin's {@code systemctl stop} or Ctrl-C does.
 */
final class HubProcess implements AutoCloseable {
  static final Path ENJOY_HOME = Path.of(System.getProperty("user.dir")).getParent();

  private final Path configFile;
  private final Path log;
  private final Map<String, String> env;
  private final int httpsPort;
  private Process process;

  HubProcess(Path configFile, Path log, int httpsPort, Map<String, String> env) {
    this.configFile = configFile;
    this.log = log;
    this.httpsPort = httpsPort;
    this.env = new HashMap<>(env);
  }

  static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  String baseUrl() {
    return "https://localhost:" + httpsPort;
  }

  /** Starts the process and waits until {@code /hub/health} answers 200. */
  HubProcess start(Duration timeout) throws Exception {
    process = launch(List.of("--config", configFile.toString()), env, log);
    Instant deadline = Instant.now().plus(timeout);
    HttpClient client = insecureClient();
    while (Instant.now().isBefore(deadline)) {
      if (!process.isAlive()) {
        throw new IllegalStateException("hub exited with " + process.exitValue() + ":\n" + logTail());
      }
      try {
        HttpResponse<String> response = client.send(
            HttpRequest.newBuilder(URI.create(baseUrl() + "/hub/health")).timeout(Duration.ofSeconds(2)).build(),
            HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() == 200) {
          return this;
        }
      } catch (IOException notYet) {
        // not listening yet
      }
      Thread.sleep(300);
    }
    throw new IllegalStateException("hub did not answer /hub/health within " + timeout + ":\n" + logTail());
  }

  /** SIGTERM, then wait; the hub's shutdown hook runs. */
  void stop() throws InterruptedException {
    if (process != null && process.isAlive()) {
      process.destroy();
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    }
  }

  String logTail() {
    try {
      List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 80), lines.size()));
    } catch (IOException e) {
      return "(no log: " + e + ")";
    }
  }

  @Override
  public void close() throws InterruptedException {
    stop();
  }

  /** Runs {@code EnjoyMain} with the given arguments; output goes to {@code log}. */
  static Process launch(List<String> args, Map<String, String> env, Path log) throws IOException {
    String java = ProcessHandle.current().info().command().orElse("java");
    List<String> command = new java.util.ArrayList<>(List.of(java, "-Xmx512m",
        "-cp", System.getProperty("java.class.path"), "io.enjoy.conf.launch.EnjoyMain"));
    command.addAll(args);
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    builder.environment().keySet().removeIf(k -> k.startsWith("ENJOY_"));
    builder.environment().put("ENJOY_HOME", ENJOY_HOME.toString());
    builder.environment().putAll(env);
    return builder.start();
  }

  /** The hub's certificate is self-signed in these tests; the browser test accepts it the same way. */
  static HttpClient insecureClient() throws Exception {
    TrustManager[] trustAll = {new X509TrustManager() {
      @Override public void checkClientTrusted(X509Certificate[] chain, String authType) {}
      @Override public void checkServerTrusted(X509Certificate[] chain, String authType) {}
      @Override public X509Certificate[] getAcceptedIssuers() { return new X509Certificate[0]; }
    }};
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, trustAll, new SecureRandom());
    SSLParameters parameters = new SSLParameters();
    parameters.setEndpointIdentificationAlgorithm(null);
    return HttpClient.newBuilder().sslContext(context).sslParameters(parameters)
        .connectTimeout(Duration.ofSeconds(3)).followRedirects(HttpClient.Redirect.NEVER).build();
  }
}
