package io.enjoy.gateway.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.enjoy.conf.EnjoyConfig;
import io.enjoy.gateway.db.Database;
import io.enjoy.gateway.testing.Await;
import io.enjoy.gateway.testing.TestConfigs;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UserServiceTest {
  @TempDir Path dataDir;
  private final Vertx vertx = Vertx.vertx();
  private Database db;
  private PgUserService users;

  @BeforeEach
  void open() {
    EnjoyConfig config = TestConfigs.embedded(dataDir, List.of("alice", "Émile.O'Brien@uni.example"), List.of("prof"));
    db = Await.result(Database.open(vertx, config));
    users = new PgUserService(db.pool(), config.auth());
  }

  @AfterEach
  void close() {
    Await.result(db.close());
    Await.result(vertx.close());
  }

  @Test
  void userNotOnTheAllowListIsRefusedAndNoRowIsWritten() {
    Throwable refused = Await.failure(users.recordLogin("mallory"));

    UserNotAllowedException e = assertInstanceOf(UserNotAllowedException.class, refused);
    assertEquals(403, e.httpStatus());
    assertTrue(e.getMessage().contains("auth.allowed_users"), e.getMessage());
    assertFalse(users.loginAllowed("mallory"));
    assertEquals(0L, userCount());
  }

  @Test
  void allowedUserIsCreatedOnceWithAStableUidAndSafeName() {
    UserRecord first = Await.result(users.recordLogin("alice"));
    UserRecord again = Await.result(users.recordLogin("alice"));

    assertEquals(first.id(), again.id());
    assertEquals(100000 + first.id(), first.uid());
    assertEquals(first.uid(), again.uid());
    assertEquals(SafeNames.forUser("alice"), first.safeName());
    assertFalse(first.admin());
    assertEquals(first, Await.result(users.find("alice")).orElseThrow());
    assertEquals(1L, userCount());
  }

  @Test
  void adminUsersMayLogInAndAreAdmins() {
    UserRecord prof = Await.result(users.recordLogin("prof"));
    assertTrue(prof.admin());
  }

  @Test
  void H16_emailNameWithAccentsLogsInAndAnUnusableNameGetsA400() {
    UserRecord emile = Await.result(users.recordLogin("Émile.O'Brien@uni.example"));
    assertEquals(SafeNames.forUser("Émile.O'Brien@uni.example"), emile.safeName());

    UserNotAllowedException bad = assertInstanceOf(UserNotAllowedException.class, Await.failure(users.recordLogin("a/b")));
    assertEquals(400, bad.httpStatus());
    assertTrue(bad.getMessage().contains("'/'"), bad.getMessage());
  }

  @Test
  void nameCaseIsKeptSoAliceAndALICEAreDifferentUsers() {
    assertFalse(users.loginAllowed("ALICE"), "the allow-list is case-sensitive, names are never case-folded");
    assertTrue(Await.result(users.find("ALICE")).isEmpty());
  }

  @Test
  void H14_aSafeNameCollisionIsRefusedNeverSharedWithTheOtherUser() {
    // A row already owning alice's safe name (as a 48-bit hash collision of two long names would).
    Await.result(db.pool().query("INSERT INTO users (name, safe_name, uid) VALUES ('impostor', '"
        + SafeNames.forUser("alice") + "', 99999)").execute());

    UserNotAllowedException e = assertInstanceOf(UserNotAllowedException.class, Await.failure(users.recordLogin("alice")));

    assertEquals(409, e.httpStatus());
    assertTrue(Await.result(users.find("alice")).isEmpty());
  }

  private long userCount() {
    return Await.result(db.pool().query("SELECT count(*) AS n FROM users").execute()).iterator().next().getLong("n");
  }
}
