package io.enjoy.gateway.db;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A database of the first release (V1, with users, a running server and tokens) upgrades without losing anything. */
class MigrationFromV1Test {
  @TempDir Path dataDir;

  @Test
  void aVersion1DatabaseWithDataMigratesToTheCurrentSchemaKeepingIt() throws Exception {
    try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start(dataDir);
        Connection connection = MigrationsTest.connect(server);
        Statement sql = connection.createStatement()) {
      Migrations.Migration v1 = Migrations.shipped().get(0);
      sql.execute(v1.sql());
      sql.execute("CREATE TABLE schema_version (version INTEGER PRIMARY KEY, description TEXT NOT NULL, applied TIMESTAMPTZ NOT NULL DEFAULT now())");
      sql.execute("INSERT INTO schema_version (version, description) VALUES (1, '" + v1.description() + "')");
      sql.execute("INSERT INTO users (id, name, safe_name, uid, admin) VALUES (1, 'alice', 'alice', 100001, false)");
      sql.execute("INSERT INTO servers (user_id, name, state, host, port) VALUES (1, '', 'running', '127.0.0.1', 40000)");
      sql.execute("INSERT INTO api_tokens (hash, prefix, user_id, note) VALUES ('h1', 'abcd', 1, 'old token')");

      List<Integer> applied = Migrations.apply(connection);

      assertEquals(Migrations.shipped().stream().skip(1).map(Migrations.Migration::version).toList(), applied);
      assertEquals("alice running old token {}", one(sql,
          "SELECT u.name || ' ' || s.state || ' ' || t.note || ' ' || t.scopes::text FROM users u"
              + " JOIN servers s ON s.user_id = u.id JOIN api_tokens t ON t.user_id = u.id"));
      sql.execute("INSERT INTO groups (name) VALUES ('physics')");
      sql.execute("INSERT INTO group_members (group_id, user_id) SELECT id, 1 FROM groups");
      sql.execute("INSERT INTO group_instructors (group_id, user_id) SELECT id, 1 FROM groups");
      sql.execute("DELETE FROM users WHERE id = 1");
      assertEquals("0", one(sql, "SELECT (SELECT count(*) FROM group_members) + (SELECT count(*) FROM group_instructors)"),
          "a deleted user leaves no memberships behind");
    }
  }

  private static String one(Statement sql, String query) throws Exception {
    try (ResultSet rs = sql.executeQuery(query)) {
      rs.next();
      return rs.getString(1);
    }
  }
}
