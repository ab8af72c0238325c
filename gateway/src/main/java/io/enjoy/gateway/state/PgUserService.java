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
      ON CONFLICT (name) DO UPDATE SET admin = EXCLUDED.admin OR u.admin_granted, last_login = now()
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
  public Future<Boolean> admits(String username, List<String> groups) {
    if (loginAllowed(username, groups)) {
      return Future.succeededFuture(true);
    }
    if (UserNames.problem(username).isPresent()) {
      return Future.succeededFuture(false);
    }
    return pool.preparedQuery("SELECT added_by_admin FROM users WHERE name = $1").execute(Tuple.of(username))
        .map(rows -> rows.iterator().hasNext() && rows.iterator().next().getBoolean("added_by_admin"));
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
    return refusal(username, groups).compose(ok -> pool.preparedQuery(UPSERT)
        .execute(Tuple.of(username, SafeNames.forUser(username), isAdmin(username, groups)))
        .map(rows -> Rows.user(rows.iterator().next()))
        .recover(e -> storageClash(e, username)));
  }

  @Override
  public Future<UserRecord> recordLogin(String issuer, String subject, String username, List<String> groups) {
    boolean admin = isAdmin(username, groups);
    return refusal(username, groups).compose(ok -> pool.withTransaction(conn -> conn
        .preparedQuery("SELECT user_id FROM user_identities WHERE issuer = $1 AND subject = $2")
        .execute(Tuple.of(issuer, subject))
        .compose(known -> {
          if (known.iterator().hasNext()) {
            long id = known.iterator().next().getLong("user_id");
            // a rename at the issuer renames the user; safe_name (home), uid and servers stay
            return conn.preparedQuery(UPDATE_KNOWN).execute(Tuple.of(id, username, admin));
          }
          return conn.preparedQuery("SELECT u.id, i.subject FROM users u LEFT JOIN user_identities i ON i.user_id = u.id WHERE u.name = $1")
              .execute(Tuple.of(username))
              .compose(named -> {
                Row existing = named.iterator().hasNext() ? named.iterator().next() : null;
                if (existing != null && existing.getString("subject") != null) {
                  return Future.failedFuture(new UserNotAllowedException(409, "The user name '" + username
                      + "' already belongs to another account at the identity provider; the hub never merges accounts."
                      + " Ask an administrator."));
                }
                Future<io.vertx.sqlclient.RowSet<Row>> user = existing != null
                    ? conn.preparedQuery(UPDATE_KNOWN).execute(Tuple.of(existing.getLong("id"), username, admin))
                    : conn.preparedQuery(INSERT_NEW).execute(Tuple.of(username, SafeNames.forUser(username), admin));
                return user.compose(rows -> conn.preparedQuery("INSERT INTO user_identities (issuer, subject, user_id) VALUES ($1, $2, $3)")
                    .execute(Tuple.of(issuer, subject, rows.iterator().next().getLong("id")))
                    .map(rows));
              });
        })
        .map(rows -> Rows.user(rows.iterator().next())))
        .recover(e -> storageClash(e, username)));
  }

  /**
   * A new user whose name's storage form is still kept by a renamed user (rule 5 of
   * {@link SafeNames}) gets that form + {@code --u<id>}: a fresh home, never the renamed user's.
   */
  private static final String INSERT_NEW = """
      WITH next AS (SELECT nextval(pg_get_serial_sequence('users', 'id')) AS id)
      INSERT INTO users AS u (id, name, safe_name, uid, admin, last_login)
      SELECT id, $1, CASE WHEN EXISTS (SELECT 1 FROM users WHERE safe_name = $2) THEN $2 || '--u' || id ELSE $2 END,
             100000 + id, $3, now() FROM next
      RETURNING """ + " " + Rows.USER_COLUMNS;

  /** The configured admin flag ($3) is re-synced at every login and re-check; one an administrator granted stays (V6). */
  private static final String UPDATE_KNOWN = "UPDATE users u SET name = $2, admin = $3 OR u.admin_granted, last_login = now() WHERE u.id = $1 RETURNING "
      + Rows.USER_COLUMNS;

  /** Fails when the name is unusable or the login not admitted ({@link #admits}); succeeds when it may proceed. */
  private Future<Void> refusal(String username, List<String> groups) {
    Optional<String> problem = UserNames.problem(username);
    if (problem.isPresent()) {
      return Future.failedFuture(new UserNotAllowedException(400, "Cannot log in: " + problem.get() + "."));
    }
    return admits(username, groups).compose(admitted -> admitted ? Future.<Void>succeededFuture()
        : Future.failedFuture(new UserNotAllowedException(403, "User '" + username + "' is not allowed to use this hub (not in "
            + "auth.allowed_users, auth.admin_users or a group of auth.allowed_groups, nor added by an administrator).")));
  }

  /** Unique violations (name, safe_name or a concurrent login binding the same row) become a refused login. */
  private static Future<UserRecord> storageClash(Throwable e, String username) {
    if (e instanceof PgException pg && "23505".equals(pg.getSqlState())) {
      return Future.failedFuture(new UserNotAllowedException(409,
          "User '" + username + "' clashes with an existing user (same name or storage name, or another account); an administrator must resolve this."));
    }
    return Future.failedFuture(e);
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
