package io.enjoy.gateway.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MigrationsTest {
  @TempDir Path dataDir;

  @Test
  void migratingAnEmptyDatabaseCreatesTheSchemaAndRerunningChangesNothing() throws Exception {
    try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start(dataDir);
        Connection connection = connect(server)) {
      List<Integer> first = Migrations.apply(connection);
      List<Integer> shipped = Migrations.shipped().stream().map(Migrations.Migration::version).toList();
      assertEquals(shipped, first, "every shipped migration applies to an empty database");

      List<String> tables = tables(connection);
      assertTrue(tables.containsAll(List.of("users", "servers", "api_tokens", "activity", "schema_version")), tables.toString());

      assertEquals(List.of(), Migrations.apply(connection), "a second run applies nothing");
      assertEquals(shipped.size(), count(connection, "SELECT count(*) FROM schema_version"));
      assertEquals(shipped.get(shipped.size() - 1), Migrations.currentVersion(connection));
    }
  }

  @Test
  void embeddedDatabaseKeepsItsDataAndPortAcrossRestarts() throws Exception {
    String url;
    try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start(dataDir);
        Connection connection = connect(server)) {
      url = server.url();
      Migrations.apply(connection);
      connection.createStatement().execute("INSERT INTO users (name, safe_name, uid) VALUES ('alice', 'alice', 100001)");
    }
    try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start(dataDir);
        Connection connection = connect(server)) {
      assertEquals(url, server.url(), "the remembered port is reused");
      assertEquals(List.of(), Migrations.apply(connection));
      assertEquals(1, count(connection, "SELECT count(*) FROM users WHERE name = 'alice'"));
    }
  }

  static Connection connect(EmbeddedPostgresServer server) throws Exception {
    Properties props = new Properties();
    props.setProperty("user", server.user());
    return DriverManager.getConnection("jdbc:" + server.url(), props);
  }

  private static List<String> tables(Connection connection) throws Exception {
    List<String> names = new ArrayList<>();
    try (ResultSet rs = connection.createStatement().executeQuery(
        "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'")) {
      while (rs.next()) {
        names.add(rs.getString(1));
      }
    }
    return names;
  }

  private static int count(Connection connection, String sql) throws Exception {
    try (ResultSet rs = connection.createStatement().executeQuery(sql)) {
      rs.next();
      return rs.getInt(1);
    }
  }
}
