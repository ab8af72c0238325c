package io.enjoy.gateway;

import static io.enjoy.gateway.GatewayFixture.await;
import static io.enjoy.gateway.GatewayFixture.expectStatus;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.enjoy.conf.bus.ServerKey;
import io.enjoy.gateway.servers.ServerView;
import io.enjoy.gateway.testing.SpawnerDouble;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClientSession;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The instructor page through the real gateway: carol instructs "physics" (alice, bob); dave is in
 * "chemistry", which nobody here instructs. She sees and starts/stops her group's servers and
 * nothing of anyone else's.
 */
class InstructorPageTest {
  @TempDir
  static Path dataDir;
  static GatewayFixture hub;
  static WebClientSession carol;

  @BeforeAll
  static void startGateway() {
    hub = GatewayFixture.start(dataDir, List.of("alice", "bob", "carol", "dave", "erin"));
    new SpawnerDouble(hub.vertx).register();
    List.of("alice", "bob", "dave", "erin").forEach(hub::loggedIn);
    carol = hub.loggedIn("carol");
    await(hub.gateway.hub().groups().create("physics", List.of("alice", "bob")));
    await(hub.gateway.hub().groups().create("chemistry", List.of("dave")));
    await(hub.gateway.hub().groups().addInstructors("physics", List.of("carol")));
  }

  @AfterAll
  static void stopGateway() {
    hub.close();
  }

  private static String page(WebClientSession browser, String path) {
    HttpResponse<Buffer> response = hub.get(browser, path);
    expectStatus(response, 200);
    return response.bodyAsString();
  }

  private static HttpResponse<Buffer> post(String action, String xsrf, String user) {
    MultiMap form = MultiMap.caseInsensitiveMultiMap().add("user", user);
    if (xsrf != null) {
      form.add("X-XSRF-TOKEN", xsrf);
    }
    return hub.postForm(carol, action, form);
  }

  @Test
  void anInstructorSeesTheGroupsMembersWithTheirServersAndLastActivityAndNobodyElse() {
    await(hub.gateway.hub().directory().recordActivity("bob", Instant.parse("2026-11-05T09:15:00Z")));

    assertTrue(page(carol, "/hub/home").contains("<a id=\"instructor-page\" href=\"/hub/instructor\">"));
    String html = page(carol, "/hub/instructor");

    assertTrue(html.contains("<table id=\"members-group-physics\">"), html);
    assertTrue(html.contains("<th scope=\"row\">alice</th>") && html.contains("<th scope=\"row\">bob</th>"), html);
    assertTrue(html.contains("2026-11-05 09:15:00Z"), "bob's last activity: " + html);
    assertTrue(html.contains("aria-label=\"Start default server of bob\""), html);
    assertFalse(html.contains("dave") || html.contains("erin") || html.contains("chemistry"), "nobody outside physics: " + html);
  }

  @Test
  void anInstructorStartsAndStopsAMembersServer() throws InterruptedException {
    ServerKey alices = ServerKey.defaultServer("alice");
    expectStatus(post("/hub/instructor/servers/start", GatewayFixture.xsrfToken(page(carol, "/hub/instructor")), "alice"), 303);
    awaitServer(alices, ServerView::ready, "alice's server running");
    String running = waitFor("aria-label=\"Stop default server of alice\"");

    expectStatus(post("/hub/instructor/servers/stop", GatewayFixture.xsrfToken(running), "alice"), 303);
    awaitServer(alices, ServerView::stopped, "alice's server stopped");
    waitFor("aria-label=\"Start default server of alice\"");
  }

  @Test
  void anInstructorCannotStartTheServerOfSomeoneOutsideTheGroup() throws InterruptedException {
    for (String outsider : List.of("dave", "erin")) {
      HttpResponse<Buffer> refused = post("/hub/instructor/servers/start", GatewayFixture.xsrfToken(page(carol, "/hub/instructor")), outsider);
      expectStatus(refused, 403);
      assertTrue(refused.bodyAsString().contains("members of the groups you instruct"), refused.bodyAsString());
    }
    Thread.sleep(300); // a start, had one been requested, would be under way by now
    assertTrue(await(hub.gateway.hub().servers().status(ServerKey.defaultServer("dave"))).stopped());
    assertTrue(await(hub.gateway.hub().servers().status(ServerKey.defaultServer("erin"))).stopped());
  }

  @Test
  void theInstructorFormsRefuseAPostWithoutTheXsrfToken() {
    expectStatus(post("/hub/instructor/servers/start", null, "bob"), 403);
    assertTrue(await(hub.gateway.hub().servers().status(ServerKey.defaultServer("bob"))).stopped());
  }

  @Test
  void someoneWhoInstructsNoGroupIsRefusedThePageAndTakingTheRoleEndsItAtOnce() {
    WebClientSession dave = hub.loggedIn("dave");
    assertFalse(page(dave, "/hub/home").contains("instructor-page"));
    expectStatus(hub.get(dave, "/hub/instructor"), 403);

    await(hub.gateway.hub().groups().addInstructors("chemistry", List.of("erin")));
    WebClientSession erin = hub.loggedIn("erin");
    assertTrue(page(erin, "/hub/instructor").contains("<th scope=\"row\">dave</th>"));
    await(hub.gateway.hub().groups().removeInstructors("chemistry", List.of("erin")));
    expectStatus(hub.get(erin, "/hub/instructor"), 403);
  }

  /** The page offers Stop as soon as a start is requested; the start itself takes its time under load. */
  private static void awaitServer(ServerKey key, Predicate<ServerView> state, String what) throws InterruptedException {
    long deadline = System.currentTimeMillis() + 60_000;
    while (!state.test(await(hub.gateway.hub().servers().status(key))) && System.currentTimeMillis() < deadline) {
      Thread.sleep(200);
    }
    assertTrue(state.test(await(hub.gateway.hub().servers().status(key))), what);
  }

  private static String waitFor(String marker) throws InterruptedException {
    long deadline = System.currentTimeMillis() + 10_000;
    String html = page(carol, "/hub/instructor");
    while (!html.contains(marker) && System.currentTimeMillis() < deadline) {
      Thread.sleep(200);
      html = page(carol, "/hub/instructor");
    }
    assertTrue(html.contains(marker), marker + " not in " + html);
    return html;
  }
}
