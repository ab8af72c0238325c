package io.enjoy.gateway.state;

import io.enjoy.conf.EnjoyConfig;
import io.vertx.core.Future;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowIterator;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** {@link UserService} on PostgreSQL; the allow-list comes from {@code auth.*}. */
public final class PgUserService implements UserService {
  private static final String UPSERT = """
      WITH next AS (SELECT nextval(pg_get_serial_sequence('users', 'id')) AS id)
      INSERT INTO users AS u (id, name, safe_name, uid, admin, last_login)
      SELECT id, $1, $2, 100000 + id, $3, now() FROM next
      ON CONFLICT (name) DO UPDATE SET admin = EXCLUDED.admin, last_login = now()
      RETURNING """ + " " + Rows.USER_COLUMNS;

  private final Pool pool;
  private final EnjoyConfig.Auth auth;

  public PgUserService(Pool pool, EnjoyConfig.Auth auth) {
    this.pool = pool;
    this.auth = auth;
  }

  @Override
  public boolean loginAllowed(String username, List<String> groups) {
    return UserNames.problem(username).isEmpty()
        && (auth.allowAll() || auth.allowedUsers().contains(username) || anyOf(groups, auth.allowedGroups())
            || isAdmin(username, groups));
  }

  @Override
  public boolean isAdmin(String username, List<String> groups) {
    return auth.adminUsers().contains(username) || anyOf(groups, auth.adminGroups());
  }

  private static boolean anyOf(List<String> groups, List<String> configured) {
    return groups.stream().anyMatch(configured::contains);
  }

  @Override
  public Future<UserRecord> recordLogin(String username, List<String> groups) {
    Optional<String> problem = UserNames.problem(username);
    if (problem.isPresent()) {
      return Future.failedFuture(new UserNotAllowedException(400, "Cannot log in: " + problem.get() + "."));
    }
    if (!loginAllowed(username, groups)) {
      return Future.failedFuture(new UserNotAllowedException(403,
          "User '" + username + "' is not allowed to use this hub (not in auth.allowed_users, auth.admin_users or a group of auth.allowed_groups)."));
    }
    return pool.preparedQuery(UPSERT)
        .execute(Tuple.of(username, SafeNames.forUser(username), isAdmin(username, groups)))
        .map(rows -> Rows.user(rows.iterator().next()))
        .recover(e -> {
          if (e instanceof PgException pg && "23505".equals(pg.getSqlState())) {
            return Future.failedFuture(new UserNotAllowedException(409,
                "User '" + username + "' maps to the same storage name as an existing user; an administrator must resolve this."));
          }
          return Future.failedFuture(e);
        });
  }

  @Override
  public Future<Optional<UserRecord>> find(String username) {
    return pool.preparedQuery("SELECT " + Rows.USER_COLUMNS + " FROM users u WHERE u.name = $1")
        .execute(Tuple.of(username))
        .map(rows -> {
          RowIterator<Row> it = rows.iterator();
          return it.hasNext() ? Optional.of(Rows.user(it.next())) : Optional.empty();
        });
  }

  @Override
  public Future<List<UserRecord>> list(int offset, int limit) {
    return pool.preparedQuery("SELECT " + Rows.USER_COLUMNS + " FROM users u ORDER BY u.name OFFSET $1 LIMIT $2")
        .execute(Tuple.of(offset, limit))
        .map(rows -> {
          List<UserRecord> users = new ArrayList<>();
          rows.forEach(row -> users.add(Rows.user(row)));
          return users;
        });
  }

  @Override
  public Future<Long> count() {
    return pool.query("SELECT count(*) AS n FROM users").execute().map(rows -> rows.iterator().next().getLong("n"));
  }
}
