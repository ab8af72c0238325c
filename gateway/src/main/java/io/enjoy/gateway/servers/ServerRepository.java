package io.enjoy.gateway.servers;

import io.enjoy.conf.bus.ServerKey;
import io.enjoy.conf.bus.SpawnResult;
import io.enjoy.gateway.state.Rows;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The SQL behind server state. Transitions are conditional updates, so the database itself
 * refuses a second spawn of a running server even with several gateways.
 */
final class ServerRepository {
  private static final String SELECT = """
      SELECT s.id, s.user_id, u.name AS user_name, s.name, s.state, s.host, s.port, s.container_id,
             s.spawner_node, s.backend, s.image, s.started, s.state_changed, s.secret_nonce, s.secret_hash,
             s.last_error, (SELECT max(a.last_activity) FROM activity a WHERE a.server_id = s.id) AS last_activity
      FROM servers s JOIN users u ON u.id = s.user_id
      """;

  private final Pool pool;

  ServerRepository(Pool pool) {
    this.pool = pool;
  }

  Future<Optional<ServerRow>> find(ServerKey key) {
    return pool.preparedQuery(SELECT + " WHERE u.name = $1 AND s.name = $2")
        .execute(Tuple.of(key.user(), key.server()))
        .map(ServerRepository::first);
  }

  /** Every server row (stopped ones too) of these users, by user then server name. */
  Future<List<ServerRow>> ofUsers(java.util.Collection<String> users) {
    return pool.preparedQuery(SELECT + " WHERE u.name = ANY($1) ORDER BY u.name, s.name")
        .execute(Tuple.tuple().addArrayOfString(users.toArray(String[]::new)))
        .map(ServerRepository::all);
  }

  /** Every named server of every user (a short list: a few per user at most), for the route table's name set. */
  Future<List<ServerKey>> namedServers() {
    return pool.query("SELECT u.name AS user_name, s.name FROM servers s JOIN users u ON u.id = s.user_id WHERE s.name <> ''")
        .execute()
        .map(rows -> {
          List<ServerKey> keys = new ArrayList<>();
          rows.forEach(row -> keys.add(new ServerKey(row.getString("user_name"), row.getString("name"))));
          return keys;
        });
  }

  /** Deletes a stopped server's row (a named server the user removes); false if absent or not stopped. */
  Future<Boolean> removeStopped(ServerKey key) {
    return pool.preparedQuery("""
            DELETE FROM servers s USING users u
            WHERE u.id = s.user_id AND u.name = $1 AND s.name = $2 AND s.state = 'stopped'""")
        .execute(Tuple.of(key.user(), key.server()))
        .map(rows -> rows.rowCount() == 1);
  }

  Future<List<ServerRow>> notStopped() {
    return pool.query(SELECT + " WHERE s.state <> 'stopped' ORDER BY s.id").execute().map(ServerRepository::all);
  }

  /**
   * stopped → spawning with a fresh secret nonce; creates the row on first start. Empty when the
   * server is not stopped (then nothing changed).
   */
  Future<Optional<Long>> beginSpawn(long userId, String serverName, String image, String nonce, String secretHash) {
    return pool.preparedQuery("""
            INSERT INTO servers AS s (user_id, name, image, state, secret_nonce, secret_hash, started, state_changed)
            VALUES ($1, $2, $3, 'spawning', $4, $5, now(), now())
            ON CONFLICT (user_id, name) DO UPDATE
              SET state = 'spawning', image = EXCLUDED.image, secret_nonce = EXCLUDED.secret_nonce,
                  secret_hash = EXCLUDED.secret_hash, started = now(), state_changed = now(), last_error = NULL,
                  host = NULL, port = NULL, container_id = NULL, spawner_node = NULL, backend = NULL
              WHERE s.state = 'stopped'
            RETURNING s.id""")
        .execute(Tuple.of(userId, serverName, image, nonce, secretHash))
        .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(rows.iterator().next().getLong("id")));
  }

  Future<Void> markRunning(long serverId, SpawnResult result) {
    return pool.preparedQuery("""
            UPDATE servers SET state = 'running', host = $2, port = $3, container_id = $4, spawner_node = $5,
                               backend = $6, state_changed = now()
            WHERE id = $1""")
        .execute(Tuple.of(serverId, result.host(), result.port(), result.containerId(), result.node(), result.backend()))
        .mapEmpty();
  }

  /** running/spawning/stopping → stopping; empty when it was stopped already. */
  Future<Optional<ServerRow>> beginStop(ServerKey key) {
    return pool.preparedQuery("""
            UPDATE servers s SET state = 'stopping', state_changed = now()
            FROM users u WHERE u.id = s.user_id AND u.name = $1 AND s.name = $2 AND s.state <> 'stopped'
            RETURNING s.id""")
        .execute(Tuple.of(key.user(), key.server()))
        .compose(rows -> rows.size() == 0 ? Future.succeededFuture(Optional.empty()) : find(key));
  }

  /** → stopped, keeping {@code error} (null = clean) for the UI. */
  Future<Void> markStopped(long serverId, String error) {
    return pool.preparedQuery("""
            UPDATE servers SET state = 'stopped', last_error = $2, started = NULL, host = NULL, port = NULL,
                               state_changed = now()
            WHERE id = $1""")
        .execute(Tuple.of(serverId, error))
        .mapEmpty();
  }

  /** Moves activity forward only (an older report never rewinds it). */
  Future<Void> recordActivity(Map<ServerKey, Instant> activity, String source) {
    if (activity.isEmpty()) {
      return Future.succeededFuture();
    }
    List<Tuple> servers = new ArrayList<>();
    List<Tuple> users = new ArrayList<>();
    activity.forEach((key, at) -> {
      servers.add(Tuple.of(key.user(), key.server(), source, Rows.param(at)));
      users.add(Tuple.of(key.user(), Rows.param(at)));
    });
    return pool.withTransaction(conn -> conn.preparedQuery("""
                INSERT INTO activity (server_id, source, last_activity)
                SELECT s.id, $3, $4 FROM servers s JOIN users u ON u.id = s.user_id WHERE u.name = $1 AND s.name = $2
                ON CONFLICT (server_id, source)
                  DO UPDATE SET last_activity = GREATEST(activity.last_activity, EXCLUDED.last_activity)""")
            .executeBatch(servers)
            .compose(v -> conn.preparedQuery("UPDATE users SET last_activity = GREATEST(last_activity, $2) WHERE name = $1")
                .executeBatch(users)))
        .mapEmpty();
  }

  private static Optional<ServerRow> first(RowSet<Row> rows) {
    List<ServerRow> all = all(rows);
    return all.isEmpty() ? Optional.empty() : Optional.of(all.get(0));
  }

  private static List<ServerRow> all(RowSet<Row> rows) {
    List<ServerRow> result = new ArrayList<>();
    for (Row row : rows) {
      Integer port = row.getInteger("port");
      result.add(new ServerRow(
          row.getLong("id"),
          row.getLong("user_id"),
          new ServerKey(row.getString("user_name"), row.getString("name")),
          row.getString("state"),
          row.getString("host"),
          port == null ? 0 : port,
          row.getString("container_id"),
          row.getString("spawner_node"),
          row.getString("backend"),
          row.getString("image"),
          Rows.instant(row, "started"),
          Rows.instant(row, "state_changed"),
          Rows.instant(row, "last_activity"),
          row.getString("secret_nonce"),
          row.getString("secret_hash"),
          row.getString("last_error")));
    }
    return result;
  }
}
