package io.enjoy.gateway.auth;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Logouts and back-channel session ends survive a gateway restart (H-19, T29), in the file under data_dir. */
class SessionRevocationsTest {
  private final Vertx vertx = Vertx.vertx();
  @TempDir Path dir;

  @AfterEach
  void close() {
    SigningIssuer.await(vertx.close());
  }

  private SessionRevocations load() {
    return SigningIssuer.await(SessionRevocations.load(vertx, dir.resolve("logouts.json"), Duration.ofHours(8), Clock.systemUTC()));
  }

  @Test
  void userLogoutAndEndedSessionsAreStillRefusedAfterARestart() {
    long loginAt = System.currentTimeMillis() - 1000;
    SessionRevocations before = load();
    SigningIssuer.await(before.revokeAll("alice"));
    SigningIssuer.await(before.revokeSessions(List.of(LoginSessions.hash("bobs-tablet"))));

    SessionRevocations after = load();

    assertTrue(after.revoked("alice", loginAt, "alices-laptop"));
    assertFalse(after.revoked("alice", System.currentTimeMillis() + 1000, "alices-new-login"), "a later login is valid");
    assertTrue(after.revoked("bob", loginAt, "bobs-tablet"));
    assertFalse(after.revoked("bob", loginAt, "bobs-phone"), "only the ended session of bob");
  }

  @Test
  void theEarlierFileFormatIsStillRead() throws Exception {
    long loginAt = System.currentTimeMillis() - 1000;
    Files.writeString(dir.resolve("logouts.json"), "{\"alice\":" + System.currentTimeMillis() + "}");

    assertTrue(load().revoked("alice", loginAt, null));
  }
}
