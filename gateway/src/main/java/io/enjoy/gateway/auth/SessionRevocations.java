package io.enjoy.gateway.auth;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Server-side logout for sessions that live in an encrypted cookie: a logout records "every
 * session of this user that logged in until now is over", so a copy of the cookie kept in another
 * tab or replayed later is refused (H-19); a back-channel logout naming one issuer session ends
 * just the hub sessions it belongs to (by the hash of their session id). Kept in memory for the
 * per-request check and in a small file under the data directory so it survives restarts; entries
 * older than the session timeout are dropped, since such sessions have expired anyway.
 */
public final class SessionRevocations {
  private final Vertx vertx;
  private final Path file;
  private final Duration sessionTimeout;
  private final Clock clock;
  private final Map<String, Long> loggedOutAt = new ConcurrentHashMap<>();
  private final Map<String, Long> endedSessions = new ConcurrentHashMap<>();

  private SessionRevocations(Vertx vertx, Path file, Duration sessionTimeout, Clock clock) {
    this.vertx = vertx;
    this.file = file;
    this.sessionTimeout = sessionTimeout;
    this.clock = clock;
  }

  public static Future<SessionRevocations> load(Vertx vertx, Path file, Duration sessionTimeout, Clock clock) {
    SessionRevocations revocations = new SessionRevocations(vertx, file, sessionTimeout, clock);
    return vertx.executeBlocking(() -> {
      if (Files.exists(file)) {
        JsonObject stored = new JsonObject(Files.readString(file, StandardCharsets.UTF_8));
        if (stored.getValue("users") instanceof JsonObject users && stored.getValue("sessions") instanceof JsonObject sessions) {
          read(users, revocations.loggedOutAt);
          read(sessions, revocations.endedSessions);
        } else {
          read(stored, revocations.loggedOutAt); // the earlier format: users only
        }
      }
      return revocations;
    });
  }

  private static void read(JsonObject from, Map<String, Long> into) {
    from.forEach(e -> into.put(e.getKey(), ((Number) e.getValue()).longValue()));
  }

  /**
   * True when the user logged out (anywhere) at or after this session's login, or this very
   * session ({@code loginId}, see {@link LoginSessions}) was ended. Runs on every request: the
   * session id is hashed only when some session was ended individually.
   */
  public boolean revoked(String user, long loginAtMillis, String loginId) {
    Long at = loggedOutAt.get(user);
    return at != null && loginAtMillis <= at
        || loginId != null && !endedSessions.isEmpty() && endedSessions.containsKey(LoginSessions.hash(loginId));
  }

  /** Ends every current session of the user; persisted before the future completes. */
  public Future<Void> revokeAll(String user) {
    loggedOutAt.put(user, clock.millis());
    return persist();
  }

  /** Ends the hub sessions with these id hashes (see {@link LoginSessions#hash}). */
  public Future<Void> revokeSessions(java.util.Collection<String> sessionIdHashes) {
    long now = clock.millis();
    sessionIdHashes.forEach(h -> endedSessions.put(h, now));
    return persist();
  }

  private Future<Void> persist() {
    long oldest = clock.millis() - sessionTimeout.toMillis();
    loggedOutAt.values().removeIf(at -> at < oldest);
    endedSessions.values().removeIf(at -> at < oldest);
    JsonObject users = new JsonObject();
    loggedOutAt.forEach(users::put);
    JsonObject sessions = new JsonObject();
    endedSessions.forEach(sessions::put);
    String json = new JsonObject().put("users", users).put("sessions", sessions).encode();
    return vertx.executeBlocking(() -> {
      write(json);
      return null;
    });
  }

  private void write(String json) {
    try {
      Files.createDirectories(file.getParent());
      Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
      Files.deleteIfExists(tmp);
      Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      Files.writeString(tmp, json, StandardCharsets.UTF_8);
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot record the logout in " + file + ": " + e.getMessage(), e);
    }
  }
}
