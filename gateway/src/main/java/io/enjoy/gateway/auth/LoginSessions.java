package io.enjoy.gateway.auth;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * The hub's login sessions in PostgreSQL ({@code login_sessions}): per browser login, the issuer's
 * refresh and ID tokens (encrypted, {@link TokenCipher}) for the periodic re-check, the logout at
 * the issuer and back-channel logout by the issuer's {@code sid}. The browser holds only a random
 * session id inside its encrypted session cookie; rows are keyed by its SHA-256.
 */
public final class LoginSessions {
  private final Pool pool;
  private final TokenCipher cipher;
  private final Duration sessionTimeout;

  public LoginSessions(Pool pool, TokenCipher cipher, Duration sessionTimeout) {
    this.pool = pool;
    this.cipher = cipher;
    this.sessionTimeout = sessionTimeout;
  }

  /** A stored login; tokens decrypted. */
  public record Stored(String issuer, String subject, String idpSession, String refreshToken, String idToken, boolean ended) {}

  /** Records a new login, dropping rows of sessions that have expired anyway. */
  public Future<Void> open(String sessionId, long userId, IdTokenChecks.Identity identity, String refreshToken, String idToken) {
    return pool.preparedQuery("DELETE FROM login_sessions WHERE checked < now() - make_interval(secs => $1)")
        .execute(Tuple.of((double) sessionTimeout.toSeconds()))
        .compose(v -> pool.preparedQuery("INSERT INTO login_sessions (id_hash, user_id, issuer, subject, idp_session, refresh_token, id_token)"
                + " VALUES ($1, $2, $3, $4, $5, $6, $7)")
            .execute(Tuple.of(hash(sessionId), userId, identity.issuer(), identity.subject(),
                nullable(identity.idpSession()), nullable(cipher.encrypt(refreshToken)), nullable(cipher.encrypt(idToken)))))
        .mapEmpty();
  }

  public Future<Optional<Stored>> find(String sessionId) {
    return pool.preparedQuery("SELECT issuer, subject, idp_session, refresh_token, id_token, ended FROM login_sessions WHERE id_hash = $1")
        .execute(Tuple.of(hash(sessionId)))
        .map(rows -> {
          if (!rows.iterator().hasNext()) {
            return Optional.empty();
          }
          Row row = rows.iterator().next();
          return Optional.of(new Stored(row.getString("issuer"), row.getString("subject"), row.getString("idp_session"),
              cipher.decrypt(bytes(row, "refresh_token")), cipher.decrypt(bytes(row, "id_token")), row.getValue("ended") != null));
        });
  }

  /** After a successful re-check: the issuer's new tokens (a null one keeps the stored one). */
  public Future<Void> renew(String sessionId, String refreshToken, String idToken) {
    return pool.preparedQuery("UPDATE login_sessions SET checked = now(), refresh_token = coalesce($2, refresh_token),"
            + " id_token = coalesce($3, id_token) WHERE id_hash = $1")
        .execute(Tuple.of(hash(sessionId), nullable(cipher.encrypt(refreshToken)), nullable(cipher.encrypt(idToken))))
        .mapEmpty();
  }

  /** Ends this session; its tokens are wiped. */
  public Future<Void> end(String sessionId) {
    return pool.preparedQuery("UPDATE login_sessions SET ended = now(), refresh_token = NULL, id_token = NULL WHERE id_hash = $1")
        .execute(Tuple.of(hash(sessionId)))
        .mapEmpty();
  }

  /** Ends every session of the user (logout, lost access); tokens are wiped. */
  public Future<Void> endAllOf(String userName) {
    return pool.preparedQuery("UPDATE login_sessions SET ended = now(), refresh_token = NULL, id_token = NULL"
            + " WHERE ended IS NULL AND user_id = (SELECT id FROM users WHERE name = $1)")
        .execute(Tuple.of(userName))
        .mapEmpty();
  }

  /** Ends the sessions the issuer's {@code sid} names; returns their id hashes. */
  public Future<List<String>> endIdpSession(String issuer, String idpSession) {
    return pool.preparedQuery("UPDATE login_sessions SET ended = now(), refresh_token = NULL, id_token = NULL"
            + " WHERE ended IS NULL AND issuer = $1 AND idp_session = $2 RETURNING id_hash")
        .execute(Tuple.of(issuer, idpSession))
        .map(LoginSessions::hashes);
  }

  /** The hub user bound to the issuer's subject, if any. */
  public Future<Optional<String>> userOf(String issuer, String subject) {
    return pool.preparedQuery("SELECT u.name FROM users u JOIN user_identities i ON i.user_id = u.id WHERE i.issuer = $1 AND i.subject = $2")
        .execute(Tuple.of(issuer, subject))
        .map(rows -> rows.iterator().hasNext() ? Optional.of(rows.iterator().next().getString("name")) : Optional.empty());
  }

  private static List<String> hashes(RowSet<Row> rows) {
    List<String> out = new ArrayList<>();
    rows.forEach(r -> out.add(r.getString("id_hash")));
    return out;
  }

  private static byte[] bytes(Row row, String column) {
    io.vertx.core.buffer.Buffer buffer = row.getBuffer(column);
    return buffer == null ? null : buffer.getBytes();
  }

  /** Byte arrays go to PostgreSQL as buffers (BYTEA); null stays null. */
  private static Object nullable(Object value) {
    return value instanceof byte[] b ? io.vertx.core.buffer.Buffer.buffer(b) : value;
  }

  public static String hash(String sessionId) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(sessionId.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
