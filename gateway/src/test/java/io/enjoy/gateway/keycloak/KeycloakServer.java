package io.enjoy.gateway.keycloak;

import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * A real Keycloak ({@code org.keycloak:keycloak-quarkus-dist}, unpacked into {@code target/} by
 * the maven-dependency-plugin) in development mode on 127.0.0.1, with the course realm imported
 * from {@code src/test/resources/keycloak/enjoy-course-realm.json}. Keycloak 26 needs Java 21+,
 * so it runs on the Temurin 25 JDK while the tests run on Java 17.
 */
final class KeycloakServer implements AutoCloseable {
  static final Path JDK = Path.of(System.getProperty("enjoy.keycloak.java_home", "/usr/lib/jvm/temurin-25-jdk-amd64"));
  static final Path DISTRIBUTION = Path.of(System.getProperty("enjoy.keycloak.home", "target/keycloak/keycloak-26.4.7"));
  static final String REALM = "enjoy-course";
  static final String CLIENT_ID = "enjoy-hub";
  static final String CLIENT_SECRET = "enjoy-hub-test-secret";
  /** The master realm's bootstrap administrator, for the admin REST API ({@link KeycloakAdmin}). */
  static final String ADMIN_USER = "kc-admin";
  static final String ADMIN_PASSWORD = "kc-admin-test-password";
  private static final Duration START_TIMEOUT = Duration.ofSeconds(240);

  private final Process process;
  private final int port;
  private final Path log;

  private KeycloakServer(Process process, int port, Path log) {
    this.process = process;
    this.port = port;
    this.log = log;
  }

  /**
   * Starts Keycloak with a fresh development database; the realm's redirect URI names the hub's
   * port ({@code ${ENJOY_HUB_PORT}} in the realm file: Keycloak only allows a wildcard at the end
   * of a redirect URI, so a free hub port cannot be matched by a pattern). {@code hubCertificate}
   * (PEM) is added to Keycloak's trust store, so its back-channel logout calls reach the hub over
   * HTTPS.
   */
  static KeycloakServer start(int hubPort, Path hubCertificate) throws Exception {
    Path kcSh = DISTRIBUTION.resolve("bin/kc.sh");
    if (!Files.isExecutable(JDK.resolve("bin/java"))) {
      throw new IllegalStateException("Keycloak 26 needs a Java 21+ JDK at " + JDK
          + " (install Temurin 25 there, or set -Denjoy.keycloak.java_home=<jdk>); .ci/run must provide it");
    }
    if (!Files.isRegularFile(kcSh)) {
      throw new IllegalStateException("no Keycloak distribution at " + DISTRIBUTION.toAbsolutePath()
          + ": run the tests through Maven (the maven-dependency-plugin unpacks org.keycloak:keycloak-quarkus-dist at test-compile)");
    }
    kcSh.toFile().setExecutable(true);
    Path data = DISTRIBUTION.resolve("data");
    deleteTree(data);
    Path imports = Files.createDirectories(data.resolve("import"));
    try (InputStream realm = KeycloakServer.class.getResourceAsStream("/keycloak/enjoy-course-realm.json")) {
      Files.copy(realm, imports.resolve("enjoy-course-realm.json"), StandardCopyOption.REPLACE_EXISTING);
    }
    int port = freePort();
    Path log = DISTRIBUTION.getParent().resolve("keycloak.log");
    ProcessBuilder builder = new ProcessBuilder(kcSh.toString(), "start-dev",
        "--http-host=127.0.0.1", "--http-port=" + port, "--import-realm",
        "--truststore-paths=" + hubCertificate.toAbsolutePath())
        .redirectErrorStream(true)
        .redirectOutput(log.toFile());
    builder.environment().put("JAVA_HOME", JDK.toString());
    builder.environment().put("ENJOY_HUB_PORT", Integer.toString(hubPort));
    builder.environment().put("KC_BOOTSTRAP_ADMIN_USERNAME", ADMIN_USER);
    builder.environment().put("KC_BOOTSTRAP_ADMIN_PASSWORD", ADMIN_PASSWORD);
    // C1 only: Keycloak runs for a minute, full JIT warm-up would not pay; the add-opens keeps
    // jboss-threads quiet on Java 24+ when the process is stopped
    builder.environment().put("JAVA_OPTS_APPEND", "-XX:TieredStopAtLevel=1 --add-opens=java.base/java.lang=ALL-UNNAMED");
    KeycloakServer server = new KeycloakServer(builder.start(), port, log);
    try {
      server.awaitRealm();
    } catch (Exception e) {
      server.close();
      throw e;
    }
    return server;
  }

  String issuer() {
    return baseUrl() + "/realms/" + REALM;
  }

  String baseUrl() {
    return "http://127.0.0.1:" + port;
  }

  private void awaitRealm() throws Exception {
    Instant deadline = Instant.now().plus(START_TIMEOUT);
    URI discovery = URI.create(issuer() + "/.well-known/openid-configuration");
    while (Instant.now().isBefore(deadline)) {
      if (!process.isAlive()) {
        throw new IllegalStateException("Keycloak exited with " + process.exitValue() + ":\n" + logTail());
      }
      try {
        HttpURLConnection connection = (HttpURLConnection) discovery.toURL().openConnection();
        connection.setConnectTimeout(1000);
        connection.setReadTimeout(2000);
        if (connection.getResponseCode() == 200) {
          return;
        }
      } catch (IOException notYet) {
        // still starting
      }
      Thread.sleep(500);
    }
    throw new IllegalStateException("Keycloak did not serve " + discovery + " within " + START_TIMEOUT + ":\n" + logTail());
  }

  private String logTail() throws IOException {
    List<String> lines = Files.readAllLines(log);
    return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
  }

  static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  private static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
      process.destroyForcibly();
    }
  }
}
