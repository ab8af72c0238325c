package io.enjoy.gateway;

import static io.enjoy.gateway.GatewayFixture.await;
import static io.enjoy.gateway.GatewayFixture.expectStatus;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.enjoy.gateway.auth.SecretFile;
import io.enjoy.gateway.auth.SessionCookieStore;
import io.enjoy.gateway.http.PageLayout;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Session;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClientSession;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Login, session and hub pages against a real gateway, real PostgreSQL and the real dev provider. */
class GatewayLoginTest {
  @TempDir
  static Path dataDir;
  static GatewayFixture hub;

  @BeforeAll
  static void startGateway() {
    hub = GatewayFixture.start(dataDir, List.of("alice", "bob", "Student.Name@uni"));
  }

  @AfterAll
  static void stopGateway() {
    if (hub != null) {
      hub.close();
    }
  }

  @Test
  void loginPageHasTheLoginButtonAndTheDevelopmentBanner() {
    HttpResponse<Buffer> page = hub.get(hub.browser(), "/hub/login?next=%2Fhub%2Fhome");
    expectStatus(page, 200);
    String html = page.bodyAsString();
    assertTrue(html.contains("id=\"login-button\""), html);
    assertTrue(html.contains("href=\"/hub/oauth_login?next=%2Fhub%2Fhome\""), html);
    assertTrue(html.contains(PageLayout.DEV_BANNER), html);
    assertTrue(page.getHeader("Content-Security-Policy").contains("frame-ancestors 'none'"));
  }

  @Test
  void loginThroughTheProviderFormLandsOnNextWithASecureSessionCookie() {
    WebClientSession browser = hub.browser();
    HttpResponse<Buffer> done = hub.login(browser, "alice", "/hub/home?tab=1");
    expectStatus(done, 302);
    assertEquals("/hub/home?tab=1", done.getHeader("Location"));
    String cookie = done.cookies().stream().filter(c -> c.startsWith("enjoy-session=")).findFirst().orElseThrow(
        () -> new AssertionError("no session cookie set at login: " + done.cookies()));
    String lower = cookie.toLowerCase();
    assertTrue(lower.contains("; httponly"), cookie);
    assertTrue(lower.contains("; secure"), cookie);
    assertTrue(lower.contains("; samesite=lax"), cookie);
    assertTrue(lower.contains("; path=/"), cookie);

    HttpResponse<Buffer> home = hub.get(browser, "/hub/home");
    expectStatus(home, 200);
    assertTrue(home.bodyAsString().contains("<span id=\"user-name\">alice</span>"));
    assertTrue(await(hub.gateway.hub().users().find("alice")).isPresent(), "login records the user");
  }

  @Test
  void userNameIsTakenVerbatimNeverCaseFolded() {
    WebClientSession browser = hub.browser();
    expectStatus(hub.login(browser, "Student.Name@uni", null), 302);
    assertTrue(hub.get(browser, "/hub/home").bodyAsString().contains("id=\"user-name\">Student.Name@uni<"));
    assertTrue(await(hub.gateway.hub().users().find("student.name@uni")).isEmpty());
  }

  @Test
  void userNotOnTheAllowListIsRefusedAndNothingIsWritten() {
    WebClientSession browser = hub.browser();
    HttpResponse<Buffer> refused = hub.login(browser, "mallory", null);
    expectStatus(refused, 403);
    assertTrue(refused.bodyAsString().contains("mallory is not allowed to use this hub"), refused.bodyAsString());
    assertTrue(await(hub.gateway.hub().users().find("mallory")).isEmpty(), "no user row for a refused login");
    HttpResponse<Buffer> home = hub.get(browser, "/hub/home");
    expectStatus(home, 302);
    assertTrue(home.getHeader("Location").startsWith("/hub/login"), "refused login leaves no session");
  }

  @Test
  void aUserAnAdministratorAddedMayLogInThoughNoAllowListNamesThem() {
    expectStatus(hub.login(hub.browser(), "zoe", null), 403);
    await(hub.gateway.hub().directory().create(java.util.List.of("zoe"), false));
    WebClientSession browser = hub.browser();
    expectStatus(hub.login(browser, "zoe", null), 302);
    expectStatus(hub.get(browser, "/hub/home"), 200);
    expectStatus(hub.login(hub.browser(), "mallory2", null), 403); // still nobody else
  }

  /** T40 + T24: one structured audit line per login outcome; a name with a newline cannot forge a line. */
  @Test
  void T40_loginsAreAuditedAsSingleEscapedLines() {
    ch.qos.logback.classic.Logger audit = (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger("io.enjoy.audit");
    ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> lines = new ch.qos.logback.core.read.ListAppender<>();
    lines.start();
    audit.addAppender(lines);
    try {
      expectStatus(hub.login(hub.browser(), "eve\n{\"action\":\"login\",\"outcome\":\"ok\"}", null), 403);
      expectStatus(hub.login(hub.browser(), "alice", null), 302);
    } finally {
      audit.detachAppender(lines);
    }
    List<JsonObject> events = lines.list.stream().map(e -> new JsonObject(e.getFormattedMessage())).toList();
    assertTrue(lines.list.stream().noneMatch(e -> e.getFormattedMessage().contains("\n")), "one physical line per event");
    JsonObject refused = events.stream().filter(e -> e.getString("outcome").startsWith("refused")).findFirst().orElseThrow();
    assertEquals("login", refused.getString("action"));
    assertTrue(refused.getString("actor").startsWith("eve\n"), refused.encode());
    JsonObject ok = events.stream().filter(e -> "ok".equals(e.getString("outcome"))).findFirst().orElseThrow();
    assertEquals("alice", ok.getString("actor"));
  }

  /** jupyterhub tests/test_pages.py::test_login_redirect plus the T1 vectors of security-anchors. */
  @Test
  void T1_loginRedirectOnlyFollowsLocalPaths() {
    List<String> foreign = List.of(
        "https://evil.example", "//evil.example", "///evil.example/triple", "\\\\evil.example/backslashes",
        "/\\evil.example", "/%5Cevil.example", "https://localhost//evil.example/", "ftp://evil.example",
        "javascript:alert(1)", "relative/path", "/\t/evil.example", "");
    for (String next : foreign) {
      HttpResponse<Buffer> done = hub.login(hub.browser(), "bob", next);
      expectStatus(done, 302);
      URI target = hub.resolveLocation(done.getHeader("Location"));
      assertEquals("localhost", target.getHost(), "next=" + next);
      assertEquals("/hub/home", target.getPath(), "next=" + next + " must fall back to the home page");
    }
    List<String> local = List.of("/hub/home", "/user/bob/tree", "/has?query#andhash", "/has?repo=https://host.git",
        "/has#repo=https://host.git");
    for (String next : local) {
      HttpResponse<Buffer> done = hub.login(hub.browser(), "bob", next);
      expectStatus(done, 302);
      assertEquals(next, done.getHeader("Location"));
    }
  }

  /** T26: the ID token must name this client as audience and be unexpired; a refused token logs nobody in. */
  @Test
  void T26_idTokenForAnotherAudienceOrExpiredIsRefused() {
    WebClientSession wrongAudience = hub.browser();
    expectStatus(hub.login(wrongAudience, "alice", null, "{\"aud\": \"another-client\"}"), 401);
    expectStatus(hub.get(wrongAudience, "/hub/home"), 302);

    long anHourAgo = System.currentTimeMillis() / 1000 - 3600;
    WebClientSession expired = hub.browser();
    expectStatus(hub.login(expired, "alice", null, "{\"exp\": " + anHourAgo + "}"), 401);
    expectStatus(hub.get(expired, "/hub/home"), 302);

    // the control: the same flow with a sound token logs in
    expectStatus(hub.login(hub.browser(), "alice", null, "{\"aud\": \"enjoy\"}"), 302);
  }

  @Test
  void parallelLoginsInOneBrowserKeepTheSessionCookieUnderTheBrowserLimit() {
    WebClientSession browser = hub.browser();
    String next = "/user/alice/" + "x".repeat(490);
    for (int i = 0; i < 6; i++) {
      expectStatus(hub.get(browser, "/hub/oauth_login?next=" + java.net.URLEncoder.encode(next, java.nio.charset.StandardCharsets.UTF_8)), 302);
    }
    var cookie = java.util.stream.StreamSupport.stream(browser.cookieStore().get(true, "localhost", "/hub/").spliterator(), false)
        .filter(c -> c.name().equals("enjoy-session")).findFirst().orElseThrow();
    assertTrue(cookie.name().length() + cookie.value().length() < 4000, "cookie of " + cookie.value().length() + " bytes");
    HttpResponse<Buffer> done = hub.login(browser, "alice", next);
    expectStatus(done, 302);
    assertEquals(next, done.getHeader("Location"));
  }

  @Test
  void sessionIdChangesAtLogin() {
    WebClientSession browser = hub.browser();
    HttpResponse<Buffer> start = hub.get(browser, "/hub/oauth_login");
    String before = start.cookies().stream().filter(c -> c.startsWith("enjoy-session=")).findFirst().orElseThrow();
    HttpResponse<Buffer> done = hub.login(browser, "bob", null);
    String after = done.cookies().stream().filter(c -> c.startsWith("enjoy-session=")).findFirst().orElseThrow();
    assertNotEquals(before.split(";")[0], after.split(";")[0], "a session id planted before login must not survive it");
  }

  @Test
  void callbackWithAnUnknownStateIsRefused() {
    WebClientSession browser = hub.browser();
    HttpResponse<Buffer> forged = hub.get(browser, "/hub/oauth_callback?code=abc&state=forged");
    expectStatus(forged, 400);
    assertTrue(forged.bodyAsString().contains("correlation-id"));
  }

  /** The cookie comes with every request and is opened for each: after login it holds the login, not the finished login's state. */
  @Test
  void afterLoginTheSessionCookieCarriesNoPendingLoginState() {
    WebClientSession browser = hub.loggedIn("bob");
    String value = browser.cookieStore().get(true, "localhost", "/hub/home").iterator().next().value();
    SessionCookieStore store = new SessionCookieStore(hub.vertx, SecretFile.readOrCreate(dataDir.resolve("secrets/session-key")));

    Session session = await(store.get(value));

    assertEquals("bob", session.get("enjoy.user.name"));
    assertFalse(session.data().containsKey("enjoy.oidc.pending"), "the finished login's state is gone: " + session.data().keySet());
  }

  @Test
  void H19_logoutEndsTheSessionServerSideForEveryCopyOfTheCookie() {
    WebClientSession tab1 = hub.loggedIn("alice");
    var stored = tab1.cookieStore().get(true, "localhost", "/hub/home").iterator().next();
    String cookie = stored.name() + "=" + stored.value();
    expectStatus(hub.logOut(tab1), 200);
    // a second tab replaying the old cookie
    HttpResponse<Buffer> replay = await(hub.browser().getAbs(hub.url("/hub/home")).putHeader("Cookie", cookie).send());
    expectStatus(replay, 302);
    assertTrue(replay.getHeader("Location").startsWith("/hub/login"));
  }

  /** A GET of /hub/logout (a link, an {@code <img>} on another site, a prefetch) only asks; the POST without the XSRF token is refused. */
  @Test
  void logoutByGetOnlyAsksAndItsPostNeedsTheXsrfToken() {
    WebClientSession browser = hub.loggedIn("alice");
    HttpResponse<Buffer> confirm = hub.get(browser, "/hub/logout");
    expectStatus(confirm, 200);
    String html = confirm.bodyAsString();
    assertTrue(html.contains("<form method=\"post\" action=\"/hub/logout\">"), html);
    assertTrue(html.contains("id=\"confirm-logout\""), html);
    expectStatus(hub.get(browser, "/hub/home"), 200);

    HttpResponse<Buffer> forged = hub.postForm(browser, "/hub/logout", io.vertx.core.MultiMap.caseInsensitiveMultiMap());
    expectStatus(forged, 403);
    expectStatus(hub.get(browser, "/hub/home"), 200);

    HttpResponse<Buffer> done = hub.logOut(browser);
    expectStatus(done, 200);
    // on to the issuer's logout (oidc.logout_at_idp) by a page, not a redirect: CSP form-action 'self' would block that after a form POST
    assertTrue(done.bodyAsString().contains("<meta http-equiv=\"refresh\" content=\"0; url=http://localhost:"), done.bodyAsString());
    assertTrue(done.bodyAsString().contains("/endsession?post_logout_redirect_uri="), done.bodyAsString());
    HttpResponse<Buffer> after = hub.get(browser, "/hub/home");
    expectStatus(after, 302);
    assertTrue(after.getHeader("Location").startsWith("/hub/login"));
    HttpResponse<Buffer> loggedOutGet = hub.get(browser, "/hub/logout");
    expectStatus(loggedOutGet, 302);
    assertEquals("/hub/login", loggedOutGet.getHeader("Location"));
  }

  /** Every page's "Log out" in the header is a POST form with the XSRF token, not a link. */
  @Test
  void theHeadersLogOutIsAFormWithTheXsrfToken() {
    WebClientSession browser = hub.loggedIn("bob");
    for (String path : java.util.List.of("/hub/home", "/hub/token")) {
      String html = hub.get(browser, path).bodyAsString();
      java.util.regex.Matcher form = java.util.regex.Pattern.compile(
          "<form method=\"post\" action=\"/hub/logout\"><input type=\"hidden\" name=\"X-XSRF-TOKEN\" value=\"[^\"]+\"><button type=\"submit\" id=\"logout\">Log out</button></form>")
          .matcher(html);
      assertTrue(form.find(), path + ": " + html);
      assertFalse(html.contains("href=\"/hub/logout\""), path + ": " + html);
    }
  }

  @Test
  void homePageShowsTheStoppedServerWithAStartButton() {
    WebClientSession browser = hub.loggedIn("bob");
    String html = hub.get(browser, "/hub/home").bodyAsString();
    assertTrue(html.contains("<strong id=\"server-state\">stopped</strong>"), html);
    assertTrue(html.contains("id=\"start-server\""), html);
    assertNotNull(GatewayFixture.xsrfToken(html));
    assertFalse(html.contains("id=\"open-server\""));
  }

  @Test
  void H20_cookieAuthenticatedApiChangesNeedTheXsrfHeader() {
    WebClientSession browser = hub.loggedIn("alice");
    HttpResponse<Buffer> me = hub.get(browser, "/hub/api/user");
    expectStatus(me, 200);
    assertEquals("alice", me.bodyAsJsonObject().getString("name"));
    HttpResponse<Buffer> noToken = await(browser.deleteAbs(hub.url("/hub/api/users/alice/server")).send());
    expectStatus(noToken, 403);
    HttpResponse<Buffer> forged = await(browser.deleteAbs(hub.url("/hub/api/users/alice/server"))
        .putHeader("X-XSRF-TOKEN", "forged.1.token").send());
    expectStatus(forged, 403);
    String token = GatewayFixture.xsrfToken(hub.get(browser, "/hub/home").bodyAsString());
    HttpResponse<Buffer> withToken = await(browser.deleteAbs(hub.url("/hub/api/users/alice/server"))
        .putHeader("X-XSRF-TOKEN", token).send());
    assertTrue(withToken.statusCode() / 100 == 2, withToken.statusCode() + " " + withToken.bodyAsString());
  }

  @Test
  void rootRedirectsToHomeAndHealthAnswers() {
    HttpResponse<Buffer> root = hub.get(hub.browser(), "/");
    expectStatus(root, 302);
    assertEquals("/hub/home", root.getHeader("Location"));
    HttpResponse<Buffer> health = hub.get(hub.browser(), "/hub/health");
    expectStatus(health, 200);
    assertEquals("ok", health.bodyAsJsonObject().getString("status"));
  }

  @Test
  void errorsCarryACorrelationIdAndNoInternals() {
    HttpResponse<Buffer> page = hub.get(hub.browser(), "/hub/no-such-page");
    expectStatus(page, 404);
    assertTrue(page.bodyAsString().contains("id=\"correlation-id\""));
    assertFalse(page.bodyAsString().contains("Exception"));
    HttpResponse<Buffer> api = hub.get(hub.browser(), "/nothing/api/here");
    expectStatus(api, 404);
    JsonObject json = api.bodyAsJsonObject();
    assertEquals(12, json.getString("correlation_id").length());
  }
}
