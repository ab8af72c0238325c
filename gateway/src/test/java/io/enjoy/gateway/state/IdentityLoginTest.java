package io.enjoy.gateway.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.enjoy.conf.EnjoyConfig;
import io.enjoy.gateway.db.Database;
import io.enjoy.gateway.testing.Await;
import io.enjoy.gateway.testing.TestConfigs;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Users keyed on issuer + subject (T22, T19) on a real PostgreSQL; the Keycloak test does the same through a real provider. */
class IdentityLoginTest {
  private static final String ISS = "https://sso.uni.example/realms/course";
  private static final List<String> COURSE = List.of("physics-101");
  @TempDir Path dataDir;
  private final Vertx vertx = Vertx.vertx();
  private Database db;
  private PgUserService users;

  @BeforeEach
  void open() {
    EnjoyConfig base = TestConfigs.embedded(dataDir, List.of(), List.of());
    db = Await.result(Database.open(vertx, base));
    users = new PgUserService(db.pool(), new EnjoyConfig.Auth(List.of(), List.of(), false, COURSE, List.of("hub-admins")));
  }

  @AfterEach
  void close() {
    Await.result(db.close());
    Await.result(vertx.close());
  }

  private UserRecord login(String subject, String name) {
    return Await.result(users.recordLogin(ISS, subject, name, COURSE));
  }

  @Test
  void T22_renameAtTheIssuerKeepsIdUidAndHome() {
    UserRecord first = login("sub-1", "dave");
    UserRecord renamed = login("sub-1", "david");

    assertEquals(List.of(first.id(), first.uid(), first.safeName()), List.of(renamed.id(), renamed.uid(), renamed.safeName()));
    assertEquals("david", renamed.name());
    assertEquals(Optional.empty(), Await.result(users.find("dave")));
  }

  @Test
  void T22_anotherSubjectClaimingABoundNameIsRefusedAndNothingChanges() {
    UserRecord owner = login("sub-1", "alice");

    UserNotAllowedException refused = assertInstanceOf(UserNotAllowedException.class,
        Await.failure(users.recordLogin(ISS, "sub-2", "alice", COURSE)));
    assertEquals(409, refused.httpStatus());
    assertTrue(refused.getMessage().contains("already belongs to another account"), refused.getMessage());
    assertEquals(owner, Await.result(users.find("alice")).orElseThrow());
    // the same subject at another issuer is another account too
    assertInstanceOf(UserNotAllowedException.class, Await.failure(users.recordLogin("https://evil.example", "sub-1", "alice", COURSE)));
  }

  @Test
  void T22_renamingOntoAnotherAccountsNameIsRefused() {
    login("sub-1", "alice");
    login("sub-2", "bob");

    UserNotAllowedException refused = assertInstanceOf(UserNotAllowedException.class,
        Await.failure(users.recordLogin(ISS, "sub-2", "alice", COURSE)));
    assertEquals(409, refused.httpStatus());
    assertEquals("bob", Await.result(users.find("bob")).orElseThrow().name());
  }

  @Test
  void rowCreatedByAnAdministratorIsBoundByTheFirstAccountThatLogsInWithItsName() {
    UserRecord created = Await.result(new PgUserService(db.pool(), new EnjoyConfig.Auth(List.of("carol"), List.of(), false))
        .recordLogin("carol"));

    UserRecord bound = login("sub-c", "carol");
    assertEquals(created.id(), bound.id());
    assertInstanceOf(UserNotAllowedException.class, Await.failure(users.recordLogin(ISS, "sub-other", "carol", COURSE)));
  }

  @Test
  void T19_aNewAccountTakingARenamedUsersOldNameGetsItsOwnHome() {
    UserRecord dave = login("sub-1", "dave");
    login("sub-1", "david");

    UserRecord newcomer = login("sub-2", "dave");

    assertNotEquals(dave.id(), newcomer.id());
    assertNotEquals(dave.safeName(), newcomer.safeName());
    assertEquals("dave--u" + newcomer.id(), newcomer.safeName());
  }

  @Test
  void T21_refusedByGroupsWritesNothing() {
    assertInstanceOf(UserNotAllowedException.class, Await.failure(users.recordLogin(ISS, "sub-m", "mallory", List.of("other-course"))));
    assertEquals(Optional.empty(), Await.result(users.find("mallory")));
  }
}
