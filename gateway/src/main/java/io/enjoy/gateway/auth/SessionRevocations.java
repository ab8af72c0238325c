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
 * tab or replayed later is refused (H-19). Kept in memory for the per-request check and in a small
 * file under the data directory so it survives restarts; entries older than the session timeout
 * are dropped, since such sessions have expired anyway.
 */
public final class SessionRevocations {
  private final Vertx vertx;
  private final Path file;
  private final Duration sessionTimeout;
  private final Clock clock;
  private final Map<String, Long> loggedOutAt = new ConcurrentHashMap<>();

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
        stored.forEach(e -> revocations.loggedOutAt.put(e.getKey(), ((Number) e.getValue()).longValue()));
      }
      return revocations;
    });
  }

  /** True when the user logged out (anywhere) at or after this session's login. */
  public boolean revoked(String user, long loginAtMillis) {
    Long at = loggedOutAt.get(user);
    return at != null && loginAtMillis <= at;
  }

  /** Ends every current session of the user; persisted before the future completes. */
  public Future<Void> revokeAll(String user) {
    long now = clock.millis();
    loggedOutAt.put(user, now);
    loggedOutAt.values().removeIf(at -> at < now - sessionTimeout.toMillis());
    JsonObject snapshot = new JsonObject();
    loggedOutAt.forEach(snapshot::put);
    return vertx.executeBlocking(() -> {
      write(snapshot.encode());
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
