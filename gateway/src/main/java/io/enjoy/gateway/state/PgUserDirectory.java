package io.enjoy.gateway.state;

import io.vertx.core.Future;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** {@link UserDirectory} on PostgreSQL. */
public final class PgUserDirectory implements UserDirectory {
  private static final String INSERT = """
      WITH next AS (SELECT nextval(pg_get_serial_sequence('users', 'id')) AS id)
      INSERT INTO users AS u (id, name, safe_name, uid, admin, admin_granted, added_by_admin)
      SELECT id, $1, $2, 100000 + id, $3, $3, TRUE FROM next
      ON CONFLICT (name) DO NOTHING
      RETURNING""" + " " + Rows.USER_COLUMNS;

  private final Pool pool;

  public PgUserDirectory(Pool pool) {
    this.pool = pool;
  }

  @Override
  public Future<List<UserRecord>> create(List<String> names, boolean admin) {
    for (String name : names) {
      Optional<String> problem = UserNames.problem(name);
      if (problem.isPresent()) {
        return Future.failedFuture(new Refusal(400, "Cannot create user '" + name + "': " + problem.get()));
      }
    }
    return pool.withTransaction(conn -> {
      List<UserRecord> created = new ArrayList<>();
      Future<Void> chain = Future.succeededFuture();
      for (String name : names) {
        chain = chain.compose(v -> conn.preparedQuery(INSERT).execute(Tuple.of(name, SafeNames.forUser(name), admin))
            .map(rows -> {
              rows.forEach(row -> created.add(Rows.user(row)));
              return null;
            }));
      }
      return chain.map(v -> created);
    }).recover(e -> Future.failedFuture(e instanceof PgException pg && "23505".equals(pg.getSqlState())
        ? new Refusal(409, "A user name maps to the same storage name as an existing user: " + pg.getDetail()) : e));
  }

  @Override
  public Future<UserRecord> setAdmin(String name, boolean admin) {
    // an administrator's decision: it holds across logins (admin_granted, V6) until an administrator changes it;
    // taking it from a user the configuration names lasts until their next login or re-check, which grants it again
    return pool.preparedQuery("UPDATE users u SET admin = $2, admin_granted = $2 WHERE u.name = $1 RETURNING " + Rows.USER_COLUMNS)
        .execute(Tuple.of(name, admin))
        .compose(rows -> rows.size() == 0
            ? Future.failedFuture(new Refusal(404, "No such user: " + name))
            : Future.succeededFuture(Rows.user(rows.iterator().next())));
  }

  @Override
  public Future<Boolean> delete(String name) {
    return pool.preparedQuery("DELETE FROM users WHERE name = $1").execute(Tuple.of(name)).map(rows -> rows.rowCount() == 1);
  }

  @Override
  public Future<Page<UserRecord>> page(UserQuery query) {
    return listing(query).map(page -> new Page<>(page.items().stream().map(ListedUser::user).toList(), page.total()));
  }

  /**
   * The page, the total (a scalar count over the same filter in the same statement, so no second
   * round trip; a window count would materialise every matching row) and each listed user's
   * groups (computed for the page's rows only).
   */
  @Override
  public Future<Page<ListedUser>> listing(UserQuery query) {
    Tuple params = Tuple.tuple();
    String where = where(query, params);
    params.addValue(query.offset()).addValue(query.limit());
    // groups in the outer query: in the inner one they would be worked out for the skipped rows too
    String sql = "SELECT p.*, " + Rows.groupsColumn("p.id") + ", " + Rows.instructsColumn("p.id") + " FROM (SELECT "
        + Rows.USER_COLUMNS + ", (SELECT count(*) FROM users u WHERE " + where + ") AS total FROM users u WHERE " + where
        + " ORDER BY u.name OFFSET $" + (params.size() - 1) + " LIMIT $" + params.size() + ") p ORDER BY p.name";
    return pool.preparedQuery(sql).execute(params).compose(rows -> {
      List<ListedUser> users = new ArrayList<>();
      long total = -1;
      for (Row row : rows) {
        users.add(new ListedUser(Rows.user(row), Rows.groups(row), Rows.instructs(row)));
        total = row.getLong("total");
      }
      if (total >= 0 || query.offset() == 0) {
        return Future.succeededFuture(new Page<>(users, Math.max(total, 0)));
      }
      // past the end: no row carried the total, so count separately (rare: a stale "next" link)
      Tuple countParams = Tuple.tuple();
      return pool.preparedQuery("SELECT count(*) AS n FROM users u WHERE " + where(query, countParams)).execute(countParams)
          .map(count -> new Page<>(users, count.iterator().next().getLong("n")));
    });
  }

  @Override
  public Future<Void> recordActivity(String name, java.time.Instant at) {
    return pool.preparedQuery("UPDATE users SET last_activity = GREATEST(last_activity, $2) WHERE name = $1")
        .execute(Tuple.of(name, Rows.param(at)))
        .mapEmpty();
  }

  @Override
  public Future<HubCounts> counts() {
    return pool.query("""
            SELECT (SELECT count(*) FROM users) AS total,
                   (SELECT count(*) FROM users WHERE last_activity > now() - interval '24 hours') AS day,
                   (SELECT count(*) FROM users WHERE last_activity > now() - interval '7 days') AS week,
                   (SELECT count(*) FROM users WHERE last_activity > now() - interval '30 days') AS month,
                   (SELECT count(*) FROM servers WHERE state = 'running') AS running,
                   (SELECT count(*) FROM servers WHERE state = 'spawning') AS spawning""")
        .execute()
        .map(rows -> {
          var row = rows.iterator().next();
          return new HubCounts(row.getLong("total"), row.getLong("day"), row.getLong("week"), row.getLong("month"),
              row.getLong("running"), row.getLong("spawning"));
        });
  }

  private static String where(UserQuery query, Tuple params) {
    StringBuilder where = new StringBuilder(Visibility.allOf(query.visibility(), params, true));
    if (query.namePrefix() != null && !query.namePrefix().isEmpty()) {
      // a range the name's text_pattern_ops index (V3) serves: [prefix, next string after every name starting with it)
      params.addValue(query.namePrefix());
      where.append(" AND u.name ~>=~ $").append(params.size());
      String end = NamePrefix.end(query.namePrefix());
      if (end != null) {
        params.addValue(end);
        where.append(" AND u.name ~<~ $").append(params.size());
      }
    }
    if (query.state() != null) {
      String running = switch (query.state()) {
        case "ready" -> "s.state = 'running'";
        default -> "s.state <> 'stopped'";
      };
      where.append(query.state().equals("inactive") ? " AND NOT" : " AND")
          .append(" EXISTS (SELECT 1 FROM servers s WHERE s.user_id = u.id AND ").append(running).append(")");
    }
    return where.toString();
  }
}
