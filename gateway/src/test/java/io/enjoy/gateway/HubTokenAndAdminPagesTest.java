package io.enjoy.gateway;

import static io.enjoy.gateway.GatewayFixture.await;
import static io.enjoy.gateway.GatewayFixture.expectStatus;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.enjoy.gateway.testing.SpawnerDouble;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClientSession;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The token page, the admin page and the home page's named servers through the real gateway:
 * HTTPS, login through the development provider, forms with the XSRF token as a browser sends them.
 */
class HubTokenAndAdminPagesTest {
  @TempDir
  static Path dataDir;
  static GatewayFixture hub;
  static SpawnerDouble spawner;

  @BeforeAll
  static void startGateway() {
    hub = GatewayFixture.start(dataDir, List.of("alice", "bob", "carol"));
    spawner = new SpawnerDouble(hub.vertx).register();
    List.of("alice", "bob", "carol").forEach(hub::loggedIn); // their rows exist for groups built before they log in
  }

  @AfterAll
  static void stopGateway() {
    hub.close();
  }

  private static MultiMap form(String xsrf, String... pairs) {
    MultiMap form = MultiMap.caseInsensitiveMultiMap().add("X-XSRF-TOKEN", xsrf);
    for (int i = 0; i + 1 < pairs.length; i += 2) {
      form.add(pairs[i], pairs[i + 1]);
    }
    return form;
  }

  private static String page(WebClientSession browser, String path) {
    HttpResponse<Buffer> response = hub.get(browser, path);
    expectStatus(response, 200);
    return response.bodyAsString();
  }

  @Test
  void aTokenRequestedOnTheTokenPageIsShownOnceWorksAndCanBeRevoked() {
    WebClientSession browser = hub.loggedIn("alice");
    String empty = page(browser, "/hub/token");
    assertTrue(empty.contains("<label for=\"token-note\">"), empty);
    assertTrue(empty.contains("<label for=\"token-expires\">"), empty);
    assertTrue(empty.contains("<h2 id=\"tokens-heading\">Your API tokens</h2>"), empty);

    HttpResponse<Buffer> created = hub.postForm(browser, "/hub/token", form(GatewayFixture.xsrfToken(empty), "note", "laptop", "expires_in", "3600"));
    expectStatus(created, 200);
    Matcher shown = Pattern.compile("<code id=\"new-token\">([^<]+)</code>").matcher(created.bodyAsString());
    assertTrue(shown.find(), created.bodyAsString());
    String token = shown.group(1);

    HttpResponse<Buffer> whoami = await(hub.browser().getAbs(hub.url("/hub/api/user")).putHeader("Authorization", "token " + token).send());
    expectStatus(whoami, 200);
    assertEquals("alice", whoami.bodyAsJsonObject().getString("name"));

    String listed = page(browser, "/hub/token");
    assertFalse(listed.contains(token), "the token is never shown again");
    assertTrue(listed.contains("<td>laptop</td>"), listed);
    Matcher id = Pattern.compile("name=\"token_id\" value=\"(a\\d+)\"").matcher(listed);
    assertTrue(id.find(), listed);

    expectStatus(hub.postForm(browser, "/hub/token/revoke", form(GatewayFixture.xsrfToken(listed), "token_id", id.group(1))), 303);
    HttpResponse<Buffer> after = await(hub.browser().getAbs(hub.url("/hub/api/user")).putHeader("Authorization", "token " + token).send());
    expectStatus(after, 403);
  }

  @Test
  void theTokenPageRefusesAFormWithoutTheXsrfTokenAndAnUnofferedExpiry() {
    WebClientSession browser = hub.loggedIn("carol");
    HttpResponse<Buffer> forged = hub.postForm(browser, "/hub/token", MultiMap.caseInsensitiveMultiMap().add("note", "forged").add("expires_in", "0"));
    expectStatus(forged, 403);
    String html = page(browser, "/hub/token");
    assertFalse(html.contains("forged"), "nothing was created: " + html);
    expectStatus(hub.postForm(browser, "/hub/token", form(GatewayFixture.xsrfToken(html), "expires_in", "123")), 400);
  }

  @Test
  void theAdminPageIsForAdminsOnly() {
    expectStatus(hub.get(hub.loggedIn("carol"), "/hub/admin"), 403); // bob is made admin by the other tests, and stays one
  }

  @Test
  void anAdminAddsSearchesPagesAndDeletesUsersAndManagesGroups() {
    WebClientSession admin = adminBrowser();
    String html = page(admin, "/hub/admin");
    assertTrue(html.contains("<label for=\"user-search\">"), html);
    assertTrue(html.contains("<table id=\"users\">"), html);
    assertTrue(html.contains("<h2 id=\"groups-heading\">Groups</h2>"), html);

    expectStatus(hub.postForm(admin, "/hub/admin/users", form(GatewayFixture.xsrfToken(html), "usernames", "dave\nerin\r\n Dana Scully ")), 303);
    String searched = page(admin, "/hub/admin?q=Da");
    assertTrue(searched.contains("<th scope=\"row\">Dana Scully</th>"), "a name with a space is one user: " + searched);
    searched = page(admin, "/hub/admin?q=da");
    assertTrue(searched.contains("<th scope=\"row\">dave</th>"), searched);
    assertFalse(searched.contains("<th scope=\"row\">erin</th>"), searched);

    List<String> many = new ArrayList<>();
    for (int i = 0; i < 60; i++) {
      many.add(String.format("pupil%02d", i));
    }
    await(hub.gateway.hub().directory().create(many, false));
    String first = page(admin, "/hub/admin?q=pupil");
    assertTrue(first.contains("id=\"next-page\" href=\"/hub/admin?offset=50&amp;q=pupil\""), first);
    String second = page(admin, "/hub/admin?offset=50&q=pupil");
    assertTrue(second.contains("<th scope=\"row\">pupil59</th>") && !second.contains("<th scope=\"row\">pupil00</th>"), second);

    expectStatus(hub.postForm(admin, "/hub/admin/users/delete", form(GatewayFixture.xsrfToken(page(admin, "/hub/admin")), "user", "erin")), 303);
    assertTrue(await(hub.gateway.hub().users().find("erin")).isEmpty());

    expectStatus(hub.postForm(admin, "/hub/admin/groups", form(GatewayFixture.xsrfToken(page(admin, "/hub/admin")), "group", "physics")), 303);
    expectStatus(hub.postForm(admin, "/hub/admin/groups/members",
        form(GatewayFixture.xsrfToken(page(admin, "/hub/admin")), "group", "physics", "user", "dave")), 303);
    assertTrue(page(admin, "/hub/admin").contains("aria-label=\"Remove dave from physics\""));
    expectStatus(hub.postForm(admin, "/hub/admin/groups/members",
        form(GatewayFixture.xsrfToken(page(admin, "/hub/admin")), "group", "physics", "user", "nobody")), 400);
    assertEquals(List.of("dave"), await(hub.gateway.hub().groups().find("physics")).orElseThrow().users());
  }

  @Test
  void anAdminRemovesAMemberAndDeletesAGroup() {
    await(hub.gateway.hub().groups().create("chemistry", List.of("alice", "carol")));
    WebClientSession admin = adminBrowser();
    String html = page(admin, "/hub/admin");
    assertTrue(html.contains("aria-label=\"Remove carol from chemistry\""), html);
    assertTrue(html.contains("aria-label=\"Delete group chemistry\""), html);

    expectStatus(hub.postForm(admin, "/hub/admin/groups/members/remove", form(GatewayFixture.xsrfToken(html), "group", "chemistry", "user", "carol")), 303);
    String after = page(admin, "/hub/admin");
    assertFalse(after.contains("aria-label=\"Remove carol from chemistry\""), after);
    assertEquals(List.of("alice"), await(hub.gateway.hub().groups().find("chemistry")).orElseThrow().users());

    expectStatus(hub.postForm(admin, "/hub/admin/groups/delete", form(GatewayFixture.xsrfToken(after), "group", "chemistry")), 303);
    String gone = page(admin, "/hub/admin");
    assertFalse(gone.contains("<h3 id=\"group-chemistry\">"), gone);
    assertTrue(await(hub.gateway.hub().groups().find("chemistry")).isEmpty());
    HttpResponse<Buffer> again = hub.postForm(admin, "/hub/admin/groups/delete", form(GatewayFixture.xsrfToken(gone), "group", "chemistry"));
    expectStatus(again, 404);
    assertTrue(again.bodyAsString().contains("No such group: chemistry"), again.bodyAsString());
  }

  /** The instructor role granted on the admin page lets its holder read the group's members through the API, and taking it ends that. */
  @Test
  void anAdminGrantsAndTakesTheInstructorRoleOfAGroup() {
    await(hub.gateway.hub().groups().create("optics", List.of("alice")));
    WebClientSession admin = adminBrowser();
    String html = page(admin, "/hub/admin");
    assertTrue(html.contains("<label for=\"add-instructor-group-optics\">Make a user instructor of optics</label>"), html);
    WebClientSession carol = hub.loggedIn("carol");
    expectStatus(hub.get(carol, "/hub/api/users/alice"), 403);

    expectStatus(hub.postForm(admin, "/hub/admin/groups/instructors", form(GatewayFixture.xsrfToken(html), "group", "optics", "user", "carol")), 303);
    String granted = page(admin, "/hub/admin");
    assertTrue(granted.contains("aria-label=\"Take the instructor role of optics from carol\""), granted);
    expectStatus(hub.get(carol, "/hub/api/users/alice"), 200);

    expectStatus(hub.postForm(admin, "/hub/admin/groups/instructors/remove",
        form(GatewayFixture.xsrfToken(granted), "group", "optics", "user", "carol")), 303);
    expectStatus(hub.get(carol, "/hub/api/users/alice"), 403);
    HttpResponse<Buffer> unknown = hub.postForm(admin, "/hub/admin/groups/instructors",
        form(GatewayFixture.xsrfToken(page(admin, "/hub/admin")), "group", "optics", "user", "nobody"));
    expectStatus(unknown, 400);
    assertTrue(unknown.bodyAsString().contains("nobody"), unknown.bodyAsString());
  }

  /** An admin made on the admin page is still one after logging in again (the flag no longer resets from the configuration). */
  @Test
  void anAdminMadeOnTheAdminPageStaysAdminAfterLoggingInAgainUntilRevoked() {
    await(hub.gateway.hub().directory().create(List.of("frida"), false));
    WebClientSession admin = adminBrowser();
    String html = page(admin, "/hub/admin?q=frida");
    assertTrue(html.contains("aria-label=\"Make frida an admin\""), html);
    expectStatus(hub.postForm(admin, "/hub/admin/users/admin", form(GatewayFixture.xsrfToken(html), "user", "frida", "admin", "grant")), 303);

    WebClientSession frida = hub.loggedIn("frida");
    expectStatus(hub.get(frida, "/hub/admin"), 200);
    frida = hub.loggedIn("frida");
    expectStatus(hub.get(frida, "/hub/admin"), 200);

    String revokable = page(admin, "/hub/admin?q=frida");
    assertTrue(revokable.contains("aria-label=\"Revoke admin of frida\""), revokable);
    expectStatus(hub.postForm(admin, "/hub/admin/users/admin", form(GatewayFixture.xsrfToken(revokable), "user", "frida", "admin", "revoke")), 303);
    expectStatus(hub.get(hub.loggedIn("frida"), "/hub/admin"), 403);

    HttpResponse<Buffer> self = hub.postForm(admin, "/hub/admin/users/admin",
        form(GatewayFixture.xsrfToken(page(admin, "/hub/admin")), "user", "bob", "admin", "revoke"));
    expectStatus(self, 400);
    assertTrue(await(hub.gateway.hub().users().find("bob")).orElseThrow().admin(), "an admin cannot lock themselves out");
  }

  /** Every admin form refuses a POST without the XSRF token, and changes nothing. */
  @Test
  void everyAdminFormRefusesAPostWithoutTheXsrfToken() {
    await(hub.gateway.hub().groups().create("forgery", List.of("alice")));
    WebClientSession admin = adminBrowser();
    page(admin, "/hub/admin");
    List<String> accepted = new ArrayList<>();
    for (String action : List.of("/hub/admin/groups/delete", "/hub/admin/groups/members/remove", "/hub/admin/groups/instructors",
        "/hub/admin/groups/instructors/remove", "/hub/admin/users/admin", "/hub/admin/users/delete", "/hub/admin/groups")) {
      MultiMap fields = MultiMap.caseInsensitiveMultiMap().add("group", "forgery").add("user", "alice").add("admin", "grant");
      int status = hub.postForm(admin, action, fields).statusCode();
      if (status != 403) {
        accepted.add(action + " → " + status);
      }
    }
    assertEquals(List.of(), accepted);
    var group = await(hub.gateway.hub().groups().find("forgery")).orElseThrow();
    assertEquals(List.of("alice"), group.users());
    assertEquals(List.of(), group.instructors());
    assertFalse(await(hub.gateway.hub().users().find("alice")).orElseThrow().admin());
  }

  @Test
  void anAdminStartsAndStopsAUsersServer() throws InterruptedException {
    WebClientSession admin = adminBrowser();
    expectStatus(hub.postForm(admin, "/hub/admin/servers/start", form(GatewayFixture.xsrfToken(page(admin, "/hub/admin")), "user", "carol")), 303);
    String running = waitFor(admin, "/hub/admin", "aria-label=\"Stop default server of carol\"");
    expectStatus(hub.postForm(admin, "/hub/admin/servers/stop", form(GatewayFixture.xsrfToken(running), "user", "carol")), 303);
    waitFor(admin, "/hub/admin", "aria-label=\"Start default server of carol\"");
  }

  @Test
  void theHomePageStartsANamedServerAndShowsIt() throws InterruptedException {
    WebClientSession browser = hub.loggedIn("alice");
    String home = page(browser, "/hub/home");
    assertTrue(home.contains("<h2 id=\"named-heading\">Named servers</h2>"), home);
    assertTrue(home.contains("<label for=\"new-server-name\">"), home);

    HttpResponse<Buffer> started = hub.postForm(browser, "/hub/server/start", form(GatewayFixture.xsrfToken(home), "server", "gpu"));
    expectStatus(started, 303);
    assertEquals("/hub/spawn-pending?server=gpu", started.getHeader("Location"));

    String after = waitFor(browser, "/hub/home", "<strong id=\"named-server-gpu-state\">running</strong>");
    assertTrue(after.contains("href=\"/user/alice/gpu/\""), after);
    assertTrue(after.contains("<strong id=\"server-state\">stopped</strong>"), "the default server is untouched: " + after);
    expectStatus(hub.postForm(browser, "/hub/server/start", form(GatewayFixture.xsrfToken(after), "server", "no/slash")), 400);
  }

  @Test
  void aStartingNamedServerShowsItsProgressOnTheHomePage() throws InterruptedException {
    WebClientSession browser = hub.loggedIn("carol");
    spawner.startDelayMillis = 3000;
    try {
      expectStatus(hub.postForm(browser, "/hub/server/start", form(GatewayFixture.xsrfToken(page(browser, "/hub/home")), "server", "slow")), 303);

      String starting = page(browser, "/hub/home");

      assertTrue(starting.contains("<strong id=\"named-server-slow-state\">starting</strong>"), starting);
      assertTrue(starting.contains("<progress max=\"100\""), starting);
      assertTrue(starting.contains("aria-label=\"Start progress of slow\""), starting);
      assertTrue(starting.contains("href=\"/hub/spawn-pending?server=slow\""), starting);
      waitFor(browser, "/hub/home", "<strong id=\"named-server-slow-state\">running</strong>");
    } finally {
      spawner.startDelayMillis = 0;
    }
  }

  @Test
  void metricsAndHealthAnswerAtTheHubsOwnPaths() {
    await(hub.gateway.hub().directory().create(List.of("monitoring"), true));
    String token = await(hub.gateway.hub().tokens().issue("monitoring", "prometheus", null, List.of("read:metrics"))).token();

    HttpResponse<Buffer> metrics = await(hub.browser().getAbs(hub.url("/hub/metrics")).putHeader("Authorization", "token " + token).send());

    expectStatus(metrics, 200);
    assertTrue(metrics.bodyAsString().contains("# TYPE jupyterhub_total_users gauge"), metrics.bodyAsString());
    expectStatus(hub.get(hub.browser(), "/hub/metrics"), 403);
    expectStatus(await(hub.browser().headAbs(hub.url("/hub/health")).send()), 200);
  }

  /** Logs bob in and makes him admin in the database (the page reads the flag from there). */
  private static WebClientSession adminBrowser() {
    WebClientSession browser = hub.loggedIn("bob");
    await(hub.gateway.hub().directory().setAdmin("bob", true));
    return browser;
  }

  private static String waitFor(WebClientSession browser, String path, String marker) throws InterruptedException {
    long deadline = System.currentTimeMillis() + 10_000;
    String html = page(browser, path);
    while (!html.contains(marker) && System.currentTimeMillis() < deadline) {
      Thread.sleep(200);
      html = page(browser, path);
    }
    assertTrue(html.contains(marker), marker + " not in " + html);
    return html;
  }
}
