package io.enjoy.gateway.state;

import io.enjoy.conf.bus.ServerKey;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowIterator;
import io.vertx.sqlclient.Tuple;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;

/**
 * {@link TokenService} on PostgreSQL. Tokens are 32 random bytes (base64url, 43 characters);
 * being random, an unsalted SHA-256 is enough to make a stolen table useless.
 */
public final class PgTokenService implements TokenService {
  static final int PREFIX_LENGTH = 4;
  private static final SecureRandom RANDOM = new SecureRandom();

  private final Pool pool;

  public PgTokenService(Pool pool) {
    this.pool = pool;
  }

  @Override
  public Future<String> issue(String user, String note, Duration expiresIn) {
    return insert(user, null, note, expiresIn);
  }

  @Override
  public Future<String> issueForServer(ServerKey server, String note) {
    return insert(server.user(), server.server(), note, null);
  }

  private Future<String> insert(String user, String serverName, String note, Duration expiresIn) {
    String token = newToken();
    Instant expires = expiresIn == null || expiresIn.isZero() ? null : Instant.now().plus(expiresIn);
    return pool.preparedQuery("""
            INSERT INTO api_tokens (hash, prefix, user_id, server_name, note, expires)
            SELECT $1, $2, id, $3, $4, $5 FROM users WHERE name = $6""")
        .execute(Tuple.of(hash(token), token.substring(0, PREFIX_LENGTH), serverName, note, Rows.param(expires), user))
        .compose(result -> result.rowCount() == 1
            ? Future.succeededFuture(token)
            : Future.failedFuture(new IllegalArgumentException("No user '" + user + "' to issue a token for")));
  }

  @Override
  public Future<Optional<TokenOwner>> authenticate(String token) {
    if (token == null || token.length() < 16) {
      return Future.succeededFuture(Optional.empty());
    }
    return pool.preparedQuery("SELECT t.server_name, " + Rows.USER_COLUMNS
            + " FROM api_tokens t JOIN users u ON u.id = t.user_id"
            + " WHERE t.hash = $1 AND (t.expires IS NULL OR t.expires > now())")
        .execute(Tuple.of(hash(token)))
        .map(rows -> {
          RowIterator<Row> it = rows.iterator();
          if (!it.hasNext()) {
            return Optional.empty();
          }
          Row row = it.next();
          UserRecord user = Rows.user(row);
          String serverName = row.getString("server_name");
          return Optional.of(new TokenOwner(user, serverName == null ? null : new ServerKey(user.name(), serverName)));
        });
  }

  @Override
  public Future<Void> revokeServerTokens(ServerKey server) {
    return pool.preparedQuery("DELETE FROM api_tokens t USING users u WHERE u.id = t.user_id AND u.name = $1 AND t.server_name = $2")
        .execute(Tuple.of(server.user(), server.server()))
        .mapEmpty();
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
