package io.enjoy.gateway.db;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Tests start many real embedded PostgreSQL servers; {@code initdb} is most of the cost. This
 * runs it once per test JVM and copies the initialised (empty, unmigrated) cluster into each
 * test's data_dir, exactly where the hub expects it.
 */
public final class PostgresTemplate {
  private static Path template;

  private PostgresTemplate() {}

  /** Puts a fresh cluster under {@code <dataDir>/postgres/data} unless one is there. */
  public static void seed(Path dataDir) {
    Path target = dataDir.resolve("postgres").resolve("data");
    if (Files.exists(target)) {
      return;
    }
    try {
      copy(template(), target);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static synchronized Path template() throws IOException {
    if (template == null) {
      // Under the build directory, not /tmp: other suites on this machine clean /tmp.
      Path build = Path.of("target").toAbsolutePath();
      Files.createDirectories(build);
      Path root = Files.createTempDirectory(build, "pg-template");
      try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start(root)) {
        // initdb ran; stopping leaves a clean cluster
      }
      template = root.resolve("postgres").resolve("data");
      Runtime.getRuntime().addShutdownHook(new Thread(() -> delete(root)));
    }
    return template;
  }

  private static void copy(Path from, Path to) throws IOException {
    try (Stream<Path> paths = Files.walk(from)) {
      for (Path source : (Iterable<Path>) paths::iterator) {
        Path dest = to.resolve(from.relativize(source).toString());
        if (Files.isDirectory(source)) {
          Files.createDirectories(dest.getParent());
          Files.copy(source, dest, StandardCopyOption.COPY_ATTRIBUTES);
        } else {
          Files.copy(source, dest, StandardCopyOption.COPY_ATTRIBUTES);
        }
      }
    }
  }

  private static void delete(Path root) {
    try (Stream<Path> paths = Files.walk(root)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException ignored) {
      // temporary directory; best effort
    }
  }
}
