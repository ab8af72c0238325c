package io.enjoy.gateway.keycloak;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.enjoy.conf.EnjoyConfig;
import io.enjoy.gateway.GatewayVerticle;
import io.enjoy.gateway.state.UserRecord;
import io.enjoy.gateway.testing.TestConfigs;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * SSO against a real Keycloak, through its real login form in headless Chromium. One Keycloak
 * and one gateway for the class; a fresh browser profile per test. The hub admits nobody by
 * name: {@code physics-101} members get in through {@code auth.allowed_groups}, and
 * {@code hub-admins} members are admins through {@code auth.admin_groups}, both read from the
 * ID token's {@code groups} claim (Keycloak's group-membership mapper, full path off).
 */
class KeycloakLoginTest {
  private static final Duration WAIT = Duration.ofSeconds(30);

  @TempDir
  static Path dataDir;
  private static KeycloakServer keycloak;
  private static Vertx vertx;
  private static GatewayVerticle gateway;

  private ChromeDriver browser;

  @BeforeAll
  static void startKeycloakAndGateway() throws Exception {
    int hubPort = KeycloakServer.freePort();
    keycloak = KeycloakServer.start(hubPort);
    EnjoyConfig base = TestConfigs.embedded(dataDir, List.of(), List.of());
    EnjoyConfig config = new EnjoyConfig(base.roles(), base.dataDir(),
        new EnjoyConfig.Gateway("127.0.0.1", hubPort, "", "", "", Duration.ofHours(1)),
        base.database(),
        new EnjoyConfig.Auth(List.of(), List.of(), false, List.of("physics-101"), List.of("hub-admins")),
        new EnjoyConfig.Oidc(keycloak.issuer(), KeycloakServer.CLIENT_ID, KeycloakServer.CLIENT_SECRET,
            "preferred_username", List.of("openid", "profile", "email"),
            new EnjoyConfig.DevProvider(false, "127.0.0.1", 0), "groups"),
        base.spawner(), base.culler());
    vertx = Vertx.vertx();
    gateway = new GatewayVerticle(config);
    await(vertx.deployVerticle(gateway));
  }

  @AfterAll
  static void stopAll() throws Exception {
    try {
      if (vertx != null) {
        await(vertx.close());
      }
    } finally {
      if (keycloak != null) {
        keycloak.close();
      }
    }
  }

  @BeforeEach
  void openBrowser(@TempDir Path profile) throws Exception {
    browser = HeadlessChromium.start(profile);
  }

  @AfterEach
  void closeBrowser() {
    if (browser != null) {
      browser.quit();
    }
  }

  @Test
  void studentInTheCourseGroupLogsInThroughKeycloaksFormAndReachesHome() {
    logInThroughKeycloak("alice", "alice-pass");

    waitUntilAt("/hub/home");
    assertTrue(browser.getPageSource().contains("alice"), browser.getPageSource());
    assertFalse(user("alice").orElseThrow().admin(), "a course student is not an admin");
  }

  @Test
  void studentOutsideTheCourseGroupIsRefusedAndNothingIsWritten() {
    logInThroughKeycloak("mallory", "mallory-pass");

    new WebDriverWait(browser, WAIT).until(d -> d.getPageSource().contains("not allowed"));
    assertTrue(browser.getPageSource().contains("mallory is not allowed to use this hub"), browser.getPageSource());
    assertEquals(Optional.empty(), user("mallory"), "a refused login writes no user row");
    browser.get(gateway.publicUrl() + "/hub/home");
    waitUntilAt("/hub/login");
  }

  @Test
  void memberOfTheAdminGroupBecomesAnAdmin() {
    logInThroughKeycloak("root-admin", "admin-pass");

    waitUntilAt("/hub/home");
    assertTrue(user("root-admin").orElseThrow().admin(), "hub-admins member is an admin");
  }

  @Test
  void logoutEndsTheHubSession() {
    logInThroughKeycloak("alice", "alice-pass");
    waitUntilAt("/hub/home");

    browser.get(gateway.publicUrl() + "/hub/logout");
    waitUntilAt("/hub/login");
    browser.get(gateway.publicUrl() + "/hub/home");

    waitUntilAt("/hub/login");
    assertFalse(browser.getCurrentUrl().startsWith(gateway.publicUrl() + "/hub/home"), browser.getCurrentUrl());
  }

  /** Hub login button → Keycloak's own page → typed credentials → back through the callback. */
  private void logInThroughKeycloak(String username, String password) {
    browser.get(gateway.publicUrl() + "/hub/oauth_login");
    new WebDriverWait(browser, WAIT).until(d -> d.getCurrentUrl().startsWith(keycloak.issuer() + "/protocol/openid-connect/auth")
        && !d.findElements(By.id("kc-login")).isEmpty());
    browser.findElement(By.id("username")).sendKeys(username);
    browser.findElement(By.id("password")).sendKeys(password);
    browser.findElement(By.id("kc-login")).click();
    new WebDriverWait(browser, WAIT).until(d -> d.getCurrentUrl().startsWith(gateway.publicUrl()));
  }

  private void waitUntilAt(String path) {
    new WebDriverWait(browser, WAIT)
        .withMessage(() -> "expected the browser at " + path + " but it is at " + browser.getCurrentUrl()
            + " showing: " + browser.findElement(By.tagName("body")).getText())
        .until(d -> d.getCurrentUrl().startsWith(gateway.publicUrl() + path));
  }

  private static Optional<UserRecord> user(String name) {
    return await(gateway.hub().users().find(name));
  }

  private static <T> T await(Future<T> future) {
    try {
      return future.toCompletionStage().toCompletableFuture().get(90, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new RuntimeException(e);
    }
  }
}
