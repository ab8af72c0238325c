package io.enjoy.gateway.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.enjoy.conf.EnjoyConfig;
import io.enjoy.conf.bus.ServerKey;
import io.enjoy.gateway.db.Database;
import io.enjoy.gateway.testing.Await;
import io.enjoy.gateway.testing.TestConfigs;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Row;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TokenServiceTest {
  @TempDir Path dataDir;
  private final Vertx vertx = Vertx.vertx();
  private Database db;
  private PgTokenService tokens;

  @BeforeEach
  void open() {
    EnjoyConfig config = TestConfigs.embedded(dataDir, List.of("alice", "bob"), List.of());
    db = Await.result(Database.open(vertx, config));
    PgUserService users = new PgUserService(db.pool(), config.auth());
    Await.result(users.recordLogin("alice"));
    Await.result(users.recordLogin("bob"));
    tokens = new PgTokenService(db.pool(), Clock.systemUTC());
  }

  @AfterEach
  void close() {
    Await.result(db.close());
    Await.result(vertx.close());
  }

  @Test
  void tokensAreStoredOnlyAsHashAndPrefixAndAuthenticateAsTheirOwner() {
    String token = Await.result(tokens.issue("alice", "cli", null));

    Row row = Await.result(db.pool().query("SELECT * FROM api_tokens").execute()).iterator().next();
    for (int i = 0; i < row.size(); i++) {
      Object value = row.getValue(i);
      assertFalse(value != null && value.toString().contains(token), "column " + row.getColumnName(i) + " holds the token");
    }
    assertEquals(PgTokenService.hash(token), row.getString("hash"));
    assertEquals(token.substring(0, PgTokenService.PREFIX_LENGTH), row.getString("prefix"));

    TokenOwner owner = Await.result(tokens.authenticate(token)).orElseThrow();
    assertEquals("alice", owner.user().name());
    assertNull(owner.server());
  }

  @Test
  void aTokensUseIsRecordedByTheNextFlushNotByEachRequest() {
    String token = Await.result(tokens.issue("alice", "cli", null));
    Instant before = Instant.now();
    for (int i = 0; i < 3; i++) {
      assertTrue(Await.result(tokens.authenticate(token)).isPresent());
    }
    assertNull(lastUse(token), "requests alone write nothing");

    Await.result(tokens.flushActivity());

    Instant used = lastUse(token);
    assertTrue(used != null && !used.isBefore(before.minusMillis(1)) && !used.isAfter(Instant.now()), "last use " + used);
  }

  @Test
  void pendingTokenUseIsWrittenWhenTheServiceCloses() {
    String token = Await.result(tokens.issue("bob", "cli", null));
    Await.result(tokens.authenticate(token));

    Await.result(tokens.close());

    assertTrue(lastUse(token) != null, "the use noted before shutdown was written");
  }

  @Test
  void tokenUseIsWrittenWithinTheFlushIntervalWithoutBeingAsked() throws Exception {
    PgTokenService periodic = new PgTokenService(db.pool(), Clock.systemUTC()).flushingEvery(vertx, Duration.ofMillis(200));
    try {
      String token = Await.result(periodic.issue("alice", "cli", null));
      Await.result(periodic.authenticate(token));
      long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
      while (lastUse(token) == null && System.nanoTime() < deadline) {
        Thread.sleep(50);
      }
      assertTrue(lastUse(token) != null, "written by the periodic flush");
    } finally {
      Await.result(periodic.close());
    }
  }

  @Test
  void aLateFlushNeverMovesATokensLastUseBack() {
    String token = Await.result(tokens.issue("alice", "cli", null));
    Await.result(tokens.authenticate(token));
    Await.result(tokens.flushActivity());
    Instant recorded = lastUse(token);
    PgTokenService slowClock = new PgTokenService(db.pool(), Clock.fixed(recorded.minusSeconds(3600), ZoneOffset.UTC));

    Await.result(slowClock.authenticate(token));
    Await.result(slowClock.flushActivity());

    assertEquals(recorded, lastUse(token));
  }

  private Instant lastUse(String token) {
    Row row = Await.result(db.pool().preparedQuery("SELECT last_activity FROM api_tokens WHERE hash = $1")
        .execute(io.vertx.sqlclient.Tuple.of(PgTokenService.hash(token)))).iterator().next();
    return Rows.instant(row, "last_activity");
  }

  @Test
  void unknownAlteredAndExpiredTokensAuthenticateNobody() throws Exception {
    String token = Await.result(tokens.issue("bob", "short", Duration.ofMillis(300)));
    assertTrue(Await.result(tokens.authenticate(token)).isPresent());
    assertTrue(Await.result(tokens.authenticate(token.substring(1) + "x")).isEmpty());
    assertTrue(Await.result(tokens.authenticate("")).isEmpty());
    Thread.sleep(500);
    assertTrue(Await.result(tokens.authenticate(token)).isEmpty(), "expired");
  }

  @Test
  void serverTokensAreScopedToTheirServerAndRevokedTogether() {
    ServerKey key = ServerKey.defaultServer("alice");
    String serverToken = Await.result(tokens.issueForServer(key, "worker"));
    String userToken = Await.result(tokens.issue("alice", "cli", null));

    TokenOwner owner = Await.result(tokens.authenticate(serverToken)).orElseThrow();
    assertEquals(key, owner.server());
    assertFalse(owner.isAdmin());

    Await.result(tokens.revokeServerTokens(key));
    assertTrue(Await.result(tokens.authenticate(serverToken)).isEmpty());
    assertTrue(Await.result(tokens.authenticate(userToken)).isPresent(), "user tokens stay");
  }

  @Test
  void issuingForAnUnknownUserFails() {
    Throwable e = io.enjoy.gateway.testing.Await.failure(tokens.issue("nobody", "x", null));
    assertTrue(e.getMessage().contains("nobody"), e.getMessage());
  }
}
