package io.enjoy.gateway.db;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Versioned schema migrations: plain SQL files {@code db/V<n>__<what>.sql} on the classpath,
 * listed in order in {@code db/migrations.index} (class-path directories cannot be listed
 * portably inside a jar). Each file runs once, in one transaction together with its row in
 * {@code schema_version}; an advisory lock keeps two gateways from migrating at the same time.
 * Blocking JDBC: run on a worker thread.
 */
public final class Migrations {
  private static final Pattern NAME = Pattern.compile("V(\\d+)__([A-Za-z0-9_]+)\\.sql");
  private static final long LOCK_KEY = 0x656e6a6f79L; // "enjoy"

  public record Migration(int version, String description, String sql) {}

  private Migrations() {}

  /** The migrations shipped with this build, in version order. */
  public static List<Migration> shipped() {
    List<Migration> result = new ArrayList<>();
    for (String line : resource("db/migrations.index").split("\n")) {
      String name = line.trim();
      if (name.isEmpty() || name.startsWith("#")) {
        continue;
      }
      Matcher m = NAME.matcher(name);
      if (!m.matches()) {
        throw new IllegalStateException("db/migrations.index lists '" + name + "', which is not named V<n>__<what>.sql");
      }
      int version = Integer.parseInt(m.group(1));
      // consecutive: a database that has applied V<n> must never be able to skip a lower number added later
      int previous = result.isEmpty() ? 0 : result.get(result.size() - 1).version();
      if (version != previous + 1) {
        throw new IllegalStateException("db/migrations.index: " + name + " must be version " + (previous + 1) + " (versions are consecutive)");
      }
      result.add(new Migration(version, m.group(2), resource("db/" + name)));
    }
    return result;
  }

  /** Applies what is missing; returns the versions applied now (empty when up to date). */
  public static List<Integer> apply(Connection connection) throws SQLException {
    boolean autoCommit = connection.getAutoCommit();
    connection.setAutoCommit(false);
    try (Statement statement = connection.createStatement()) {
      statement.execute("SELECT pg_advisory_xact_lock(" + LOCK_KEY + ")");
      statement.execute("CREATE TABLE IF NOT EXISTS schema_version ("
          + "version INTEGER PRIMARY KEY, description TEXT NOT NULL, applied TIMESTAMPTZ NOT NULL DEFAULT now())");
      int current = currentVersion(connection);
      List<Integer> applied = new ArrayList<>();
      for (Migration migration : shipped()) {
        if (migration.version() <= current) {
          continue;
        }
        statement.execute(migration.sql());
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO schema_version(version, description) VALUES (?, ?)")) {
          insert.setInt(1, migration.version());
          insert.setString(2, migration.description());
          insert.executeUpdate();
        }
        applied.add(migration.version());
      }
      connection.commit();
      return applied;
    } catch (SQLException | RuntimeException e) {
      connection.rollback();
      throw e;
    } finally {
      connection.setAutoCommit(autoCommit);
    }
  }

  static int currentVersion(Connection connection) throws SQLException {
    try (Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery("SELECT coalesce(max(version), 0) FROM schema_version")) {
      rs.next();
      return rs.getInt(1);
    }
  }

  private static String resource(String path) {
    try (InputStream in = Migrations.class.getClassLoader().getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalStateException("missing class-path resource " + path);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException("cannot read " + path, e);
    }
  }
}
