package io.enjoy.gateway.state;

import static org.junit.jupiter.api.Assertions.assertFalse;
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

/**
 * Where the admin flag comes from, on a real PostgreSQL: the configuration's flag
 * ({@code auth.admin_groups} here) is re-synced at every login and session re-check (both go
 * through {@code recordLogin}); a flag an administrator granted stays until an administrator takes it.
 */
class AdminFlagTest {
  private static final String ISS = "https://sso.uni.example/realms/course";
  private static final List<String> COURSE = List.of("physics-101");
  private static final List<String> COURSE_AND_ADMINS = List.of("physics-101", "hub-admins");
  @TempDir Path dataDir;
  private final Vertx vertx = Vertx.vertx();
  private Database db;
  private PgUserService users;
  private PgUserDirectory directory;

  @BeforeEach
  void open() {
    db = Await.result(Database.open(vertx, TestConfigs.embedded(dataDir, List.of(), List.of())));
    users = new PgUserService(db.pool(), new EnjoyConfig.Auth(List.of(), List.of(), false, COURSE, List.of("hub-admins")));
    directory = new PgUserDirectory(db.pool());
  }

  @AfterEach
  void close() {
    Await.result(db.close());
    Await.result(vertx.close());
  }

  private boolean adminAfterLogin(String name, List<String> groups) {
    return Await.result(users.recordLogin(ISS, "sub-" + name, name, groups)).admin();
  }

  @Test
  void leavingTheAdminGroupRevokesTheConfiguredAdminFlagAtTheNextLogin() {
    assertTrue(adminAfterLogin("erika", COURSE_AND_ADMINS));
    assertFalse(adminAfterLogin("erika", COURSE));
  }

  @Test
  void anAdminFlagGrantedByAnAdministratorSurvivesTheNextLogins() {
    assertFalse(adminAfterLogin("tom", COURSE));
    Await.result(directory.setAdmin("tom", true));

    assertTrue(adminAfterLogin("tom", COURSE), "the promoted admin is not demoted by logging in again");
    assertTrue(adminAfterLogin("tom", COURSE_AND_ADMINS));
    assertTrue(adminAfterLogin("tom", COURSE), "leaving the admin group does not take a granted flag");

    Await.result(directory.setAdmin("tom", false));
    assertFalse(adminAfterLogin("tom", COURSE), "an administrator's revocation holds too");
  }

  @Test
  void aUserCreatedAsAdminIsStillAdminAfterTheirFirstLogin() {
    Await.result(directory.create(List.of("newprof"), true));
    assertTrue(adminAfterLogin("newprof", COURSE));
  }

  @Test
  void revokingAConfiguredAdminLastsUntilTheConfigurationGrantsItAgainAtLogin() {
    assertTrue(adminAfterLogin("root", COURSE_AND_ADMINS));
    assertFalse(Await.result(directory.setAdmin("root", false)).admin());
    assertTrue(adminAfterLogin("root", COURSE_AND_ADMINS), "auth.admin_groups still names them: the configuration decides");
  }
}
