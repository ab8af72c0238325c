package io.enjoy.gateway.state;

import io.enjoy.conf.bus.ServerKey;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowIterator;
import io.vertx.sqlclient.Tuple;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link TokenService} on PostgreSQL. Tokens are 32 random bytes (base64url, 43 characters);
 * being random, an unsalted SHA-256 is enough to make a stolen table useless.
 */
public final class PgTokenService implements TokenService {
  private static final Logger log = LoggerFactory.getLogger(PgTokenService.class);
  static final int PREFIX_LENGTH = 4;
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final String TOKEN_COLUMNS =
      "t.id, t.server_name, t.scopes, t.note, t.prefix, t.created, t.expires, t.last_activity";
  private static final String UNEXPIRED = "(t.expires IS NULL OR t.expires > now())";

  private final Pool pool;
  private final TokenActivity activity;
  private Vertx timerOwner;
  private long flushTimer = -1;

  public PgTokenService(Pool pool, Clock clock) {
    this.pool = pool;
    this.activity = new TokenActivity(pool, clock);
  }

  /** Writes the token uses noted since the last call (see {@link TokenActivity}). */
  public Future<Void> flushActivity() {
    return activity.flush();
  }

  /** Flushes token uses every {@code every} from now until {@link #close()}. */
  PgTokenService flushingEvery(Vertx vertx, Duration every) {
    timerOwner = vertx;
    flushTimer = vertx.setPeriodic(every.toMillis(), id -> activity.flush()
        .onFailure(e -> log.warn("Could not record API token use (kept for the next try): {}", e.getMessage())));
    return this;
  }

  /** Stops the periodic flush and writes what is still pending: no use is lost on shutdown. */
  Future<Void> close() {
    if (timerOwner != null) {
      timerOwner.cancelTimer(flushTimer);
    }
    return activity.flush();
  }

  @Override
  public Future<Issued> issue(String user, String note, Duration expiresIn, List<String> scopes) {
    return insert(user, null, note, expiresIn, scopes);
  }

  @Override
  public Future<String> issueForServer(ServerKey server, String note) {
    return insert(server.user(), server.server(), note, null, List.of()).map(Issued::token);
  }

  private Future<Issued> insert(String user, String serverName, String note, Duration expiresIn, List<String> scopes) {
    String token = newToken();
    Instant expires = expiresIn == null || expiresIn.isZero() ? null : Instant.now().plus(expiresIn);
    return pool.preparedQuery("""
            INSERT INTO api_tokens AS t (hash, prefix, user_id, server_name, note, expires, scopes)
            SELECT $1, $2, id, $3, $4, $5, $6 FROM users WHERE name = $7
            RETURNING""" + " " + TOKEN_COLUMNS)
        .execute(Tuple.of(hash(token), token.substring(0, PREFIX_LENGTH), serverName, note, Rows.param(expires),
            scopes.toArray(String[]::new), user))
        .compose(rows -> rows.size() == 1
            ? Future.succeededFuture(new Issued(record(rows.iterator().next(), user), token))
            : Future.failedFuture(new IllegalArgumentException("No user '" + user + "' to issue a token for")));
  }

  @Override
  public Future<Optional<TokenOwner>> authenticate(String token) {
    if (token == null || token.length() < 16) {
      return Future.succeededFuture(Optional.empty());
    }
    return pool.preparedQuery("SELECT t.id AS token_id, t.server_name, t.scopes, " + Rows.USER_COLUMNS
            + ", " + Rows.instructsColumn("u.id")
            + " FROM api_tokens t JOIN users u ON u.id = t.user_id WHERE t.hash = $1 AND " + UNEXPIRED)
        .execute(Tuple.of(hash(token)))
        .map(rows -> {
          RowIterator<Row> it = rows.iterator();
          if (!it.hasNext()) {
            return Optional.empty();
          }
          Row row = it.next();
          UserRecord user = Rows.user(row);
          String serverName = row.getString("server_name");
          long id = row.getLong("token_id");
          activity.used(id);
          return Optional.of(new TokenOwner(user, serverName == null ? null : new ServerKey(user.name(), serverName),
              scopes(row), id, Rows.instructs(row)));
        });
  }

  @Override
  public Future<List<TokenRecord>> list(String user) {
    return pool.preparedQuery("SELECT " + TOKEN_COLUMNS + " FROM api_tokens t JOIN users u ON u.id = t.user_id"
            + " WHERE u.name = $1 AND " + UNEXPIRED + " ORDER BY t.id DESC")
        .execute(Tuple.of(user))
        .map(rows -> {
          List<TokenRecord> result = new ArrayList<>();
          rows.forEach(row -> result.add(record(row, user)));
          return result;
        });
  }

  @Override
  public Future<Optional<TokenRecord>> find(String user, long id) {
    return pool.preparedQuery("SELECT " + TOKEN_COLUMNS + " FROM api_tokens t JOIN users u ON u.id = t.user_id"
            + " WHERE u.name = $1 AND t.id = $2 AND " + UNEXPIRED)
        .execute(Tuple.of(user, id))
        .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(record(rows.iterator().next(), user)));
  }

  @Override
  public Future<Boolean> revoke(String user, long id) {
    return pool.preparedQuery("DELETE FROM api_tokens t USING users u WHERE u.id = t.user_id AND u.name = $1 AND t.id = $2")
        .execute(Tuple.of(user, id))
        .map(rows -> rows.rowCount() == 1);
  }

  @Override
  public Future<Void> revokeServerTokens(ServerKey server) {
    return pool.preparedQuery("DELETE FROM api_tokens t USING users u WHERE u.id = t.user_id AND u.name = $1 AND t.server_name = $2")
        .execute(Tuple.of(server.user(), server.server()))
        .mapEmpty();
  }

  private static TokenRecord record(Row row, String user) {
    return new TokenRecord(row.getLong("id"), user, row.getString("server_name"), scopes(row), row.getString("note"),
        row.getString("prefix"), Rows.instant(row, "created"), Rows.instant(row, "expires"), Rows.instant(row, "last_activity"));
  }

  private static List<String> scopes(Row row) {
    String[] scopes = row.getArrayOfStrings("scopes");
    return scopes == null ? List.of() : Arrays.asList(scopes);
  }

  static String newToken() {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  static String hash(String token) {
    return SafeNames.sha256Hex(token);
  }
}
