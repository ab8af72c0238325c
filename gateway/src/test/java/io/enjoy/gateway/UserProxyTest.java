package io.enjoy.gateway;

import static io.enjoy.gateway.GatewayFixture.await;
import static io.enjoy.gateway.GatewayFixture.expectStatus;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.enjoy.conf.bus.ServerKey;
import io.enjoy.conf.worker.WorkerContract;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.UpgradeRejectedException;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.PemTrustOptions;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClientSession;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code /user/<name>/} proxy against a real gateway and a real HTTP + WebSocket server
 * standing in for the worker; the server is started through the hub's own pages and services,
 * with a spawner on the real event bus that hands out the test server's address.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class UserProxyTest {
  @TempDir
  static Path dataDir;
  static GatewayFixture hub;
  static TestWorker worker;
  static WebClientSession alice;

  @BeforeAll
  static void startGatewayAndAlicesServer() {
    hub = GatewayFixture.start(dataDir, List.of("alice", "bob", "carol", "dave"));
    worker = new TestWorker(hub.vertx).start();
    alice = hub.loggedIn("alice");
    startFromHomePage(alice, "alice");
  }

  @AfterAll
  static void stop() {
    if (worker != null) {
      worker.close();
    }
    if (hub != null) {
      hub.close();
    }
  }

  /** Start button → progress page → redirect to the server once the spawner answered. */
  static void startFromHomePage(WebClientSession browser, String user) {
    String token = GatewayFixture.xsrfToken(hub.get(browser, "/hub/home").bodyAsString());
    HttpResponse<Buffer> started = hub.postForm(browser, "/hub/server/start", MultiMap.caseInsensitiveMultiMap().add("X-XSRF-TOKEN", token));
    expectStatus(started, 303);
    assertEquals("/hub/spawn-pending", started.getHeader("Location"));
    long deadline = System.currentTimeMillis() + 30_000;
    while (System.currentTimeMillis() < deadline) {
      HttpResponse<Buffer> pending = hub.get(browser, "/hub/spawn-pending");
      if (pending.statusCode() == 302) {
        assertEquals("/user/" + user + "/", pending.getHeader("Location"));
        return;
      }
      expectStatus(pending, 200);
      assertTrue(pending.bodyAsString().contains("id=\"server-state\">starting<"), pending.bodyAsString());
      sleep(100);
    }
    throw new AssertionError("server of " + user + " did not become ready");
  }

  @Test
  @Order(1)
  void homePageOfARunningServerLinksToItAndOffersStop() {
    String html = hub.get(alice, "/hub/home").bodyAsString();
    assertTrue(html.contains("id=\"server-state\">running<"), html);
    assertTrue(html.contains("<a id=\"open-server\" class=\"button\" href=\"/user/alice/\">"), html);
    assertTrue(html.contains("id=\"stop-server\""), html);
  }

  @Test
  @Order(2)
  void ownerReachesTheWorkerWithTheSecretAddedAndTheClientCopyStripped() {
    HttpResponse<Buffer> response = await(alice.getAbs(hub.url("/user/alice/api/contents?x=1"))
        .putHeader(WorkerContract.SECRET_HEADER, "forged-by-the-client")
        .putHeader("Cookie", cookieHeader(alice) + "; worker-own=keep")
        .send());
    expectStatus(response, 200);
    JsonObject seen = response.bodyAsJsonObject();
    assertEquals("/user/alice/api/contents?x=1", seen.getString("uri"), "path prefix and query kept");
    assertEquals(List.of(worker.secrets.get("alice")), seen.getJsonArray("secrets").getList(), "only the hub's secret arrives");
    String cookie = seen.getString("cookie");
    assertTrue(cookie.contains("worker-own=keep"), cookie);
    assertFalse(cookie.contains("enjoy-session"), "hub session cookie must not reach the worker: " + cookie);
    assertFalse(cookie.contains("enjoy-xsrf"), cookie);
    assertEquals("localhost:" + hub.gateway.httpsPort(), seen.getString("host"), "browser's Host preserved");
    assertEquals("https", seen.getString("xForwardedProto"));
    assertEquals("127.0.0.1", seen.getString("xForwardedFor"));
    assertEquals("localhost:" + hub.gateway.httpsPort(), seen.getString("xForwardedHost"));
  }

  @Test
  @Order(2)
  void aNamedServerIsReachedAtItsOwnPrefixAndTheDefaultServerKeepsItsPaths() {
    String token = GatewayFixture.xsrfToken(hub.get(alice, "/hub/home").bodyAsString());
    expectStatus(hub.postForm(alice, "/hub/server/start",
        MultiMap.caseInsensitiveMultiMap().add("X-XSRF-TOKEN", token).add("server", "lab1")), 303);
    long deadline = System.currentTimeMillis() + 30_000;
    while (!worker.secrets.containsKey(TestWorker.secretKey("alice", "lab1")) && System.currentTimeMillis() < deadline) {
      sleep(100);
    }
    HttpResponse<Buffer> named = hub.get(alice, "/user/alice/lab1/api/contents");
    while (named.statusCode() != 200 && System.currentTimeMillis() < deadline) {
      sleep(100);
      named = hub.get(alice, "/user/alice/lab1/api/contents");
    }
    expectStatus(named, 200);
    assertEquals(List.of(worker.secrets.get(TestWorker.secretKey("alice", "lab1"))),
        named.bodyAsJsonObject().getJsonArray("secrets").getList(), "the named server's own secret: it was routed to lab1");
    HttpResponse<Buffer> ownPath = hub.get(alice, "/user/alice/notebooks/lab1.ipynb");
    expectStatus(ownPath, 200);
    assertEquals(List.of(worker.secrets.get("alice")), ownPath.bodyAsJsonObject().getJsonArray("secrets").getList(),
        "a path of the default server that is no server's name still goes to the default server");
  }

  @Test
  @Order(2)
  void aRouteMissingFromMemoryIsReloadedFromPostgresAndTheRequestStillArrives() {
    io.enjoy.gateway.servers.RouteTables.forget(hub.gateway.hub().routes(), ServerKey.defaultServer("alice"));
    HttpResponse<Buffer> response = await(alice.postAbs(hub.url("/user/alice/api/contents/upload.txt"))
        .putHeader("Cookie", cookieHeader(alice)).sendBuffer(Buffer.buffer("body after a miss")));
    expectStatus(response, 200);
    assertEquals("/user/alice/api/contents/upload.txt", response.bodyAsJsonObject().getString("uri"));
    assertTrue(hub.gateway.hub().routes().lookup("alice", "").isPresent(), "the reloaded route is kept in memory");
  }

  @Test
  @Order(2)
  void anApiTokenOpensItsOwnersServerAndNothingElse() {
    String token = await(hub.gateway.hub().tokens().issue("alice", "a script", null));
    WebClientSession script = hub.browser(); // no cookies: the token is the only credential
    HttpResponse<Buffer> own = await(script.getAbs(hub.url("/user/alice/api/contents"))
        .putHeader("Authorization", "token " + token).send());
    expectStatus(own, 200);
    assertEquals(List.of(worker.secrets.get("alice")), own.bodyAsJsonObject().getJsonArray("secrets").getList());
    assertEquals(null, own.bodyAsJsonObject().getString("authorization"), "the hub token is not passed on to the worker");

    hub.loggedIn("bob");
    String bobs = await(hub.gateway.hub().tokens().issue("bob", "bob's script", null));
    expectStatus(await(script.getAbs(hub.url("/user/alice/api/contents")).putHeader("Authorization", "token " + bobs).send()), 403);
    String narrowed = await(hub.gateway.hub().tokens().issue("alice", "read only", null, List.of("read:users!user=alice"))).token();
    expectStatus(await(script.getAbs(hub.url("/user/alice/api/contents")).putHeader("Authorization", "Bearer " + narrowed).send()), 403);
    expectStatus(await(script.getAbs(hub.url("/user/alice/api/contents")).putHeader("Authorization", "token made-up").send()), 403);
  }

  @Test
  @Order(2)
  void H21_workerCannotSetTheHubsCookies() {
    HttpResponse<Buffer> response = hub.get(alice, "/user/alice/toss-cookies");
    expectStatus(response, 200);
    assertEquals(List.of("worker-own=1; Path=/user/"), response.cookies());
    expectStatus(hub.get(alice, "/hub/home"), 200);
  }

  @Test
  @Order(3)
  void webSocketUpgradeIsForwardedForTheOwnerWithTheSecret() throws Exception {
    WebSocket ws = await(webSockets().connect(wsOptions("/user/alice/api/kernels/k1/channels", cookieHeader(alice))
        .addHeader(WorkerContract.SECRET_HEADER, "forged")));
    CompletableFuture<String> reply = new CompletableFuture<>();
    ws.textMessageHandler(reply::complete);
    ws.writeTextMessage("1+1");
    assertEquals("echo:1+1", reply.get(10, TimeUnit.SECONDS));
    JsonObject handshake = lastReceived("websocket");
    assertEquals(List.of(worker.secrets.get("alice")), handshake.getJsonArray("secrets").getList());
    assertFalse(String.valueOf(handshake.getString("cookie")).contains("enjoy-session"));
    assertEquals("localhost:" + hub.gateway.httpsPort(), handshake.getString("host"));
    await(ws.close());
  }

  @Test
  @Order(3)
  void webSocketFromAForeignOriginIsRefused() {
    int before = worker.received.size();
    Throwable foreign = assertFailsToConnect(wsOptions("/user/alice/api/kernels/k1/channels", cookieHeader(alice))
        .addHeader("Origin", "https://evil.example"));
    assertTrue(foreign instanceof UpgradeRejectedException rejected && rejected.getStatus() == 403, String.valueOf(foreign));
    Throwable lookalike = assertFailsToConnect(wsOptions("/user/alice/api/kernels/k1/channels", cookieHeader(alice))
        .addHeader("Origin", "https://localhost:" + hub.gateway.httpsPort() + ".evil.example"));
    assertTrue(lookalike instanceof UpgradeRejectedException, String.valueOf(lookalike));
    Throwable smuggled = assertFailsToConnect(wsOptions("/user/alice/api/kernels/k1/channels", cookieHeader(alice))
        .addHeader("Origin", hub.gateway.publicUrl()).addHeader("Origin", "https://evil.example"));
    assertTrue(smuggled instanceof UpgradeRejectedException, String.valueOf(smuggled));
    assertEquals(before, worker.received.size());
    WebSocket same = await(webSockets().connect(wsOptions("/user/alice/api/kernels/k1/channels", cookieHeader(alice))
        .addHeader("Origin", hub.gateway.publicUrl())));
    await(same.close());
  }

  @Test
  @Order(3)
  void manyWebSocketsInARowInterleavedWithHttpAllReachTheWorker() throws Exception {
    for (int i = 0; i < 25; i++) {
      String step = "http";
      try {
        if (i % 3 == 0) {
          expectStatus(hub.get(alice, "/user/alice/api/contents"), 200);
        }
        step = "connect";
        WebSocket ws = await(webSockets().connect(wsOptions("/user/alice/api/kernels/k1/channels", cookieHeader(alice))));
        CompletableFuture<String> reply = new CompletableFuture<>();
        ws.textMessageHandler(reply::complete);
        step = "write";
        ws.writeTextMessage("x" + i);
        step = "reply";
        assertEquals("echo:x" + i, reply.get(10, TimeUnit.SECONDS));
        step = "close";
        await(ws.close());
      } catch (Throwable e) {
        throw new AssertionError("iteration " + i + " step " + step + " worker saw " + worker.received.size(), e);
      }
    }
  }

  @Test
  @Order(4)
  void anotherUsersServerPathIsRefusedAndNothingReachesTheWorker() {
    WebClientSession bob = hub.loggedIn("bob");
    int before = worker.received.size();
    HttpResponse<Buffer> page = hub.get(bob, "/user/alice/tree");
    expectStatus(page, 403);
    assertTrue(page.bodyAsString().contains("belongs to another user"));
    HttpResponse<Buffer> api = hub.get(bob, "/user/alice/api/contents");
    expectStatus(api, 403);
    Throwable ws = assertFailsToConnect("/user/alice/api/kernels/k1/channels", cookieHeader(bob));
    assertTrue(ws instanceof UpgradeRejectedException rejected && rejected.getStatus() == 403, String.valueOf(ws));
    assertEquals(before, worker.received.size(), "no request of bob's reached alice's worker");
    assertTrue(await(hub.gateway.hub().servers().status(ServerKey.defaultServer("alice"))).ready(), "alice's server untouched");
  }

  /** H-24: no /user/ route is reachable without hub authentication. */
  @Test
  @Order(5)
  void H24_noUserServerIsReachableWithoutHubLogin() {
    int before = worker.received.size();
    HttpResponse<Buffer> browser = hub.get(hub.browser(), "/user/alice/tree");
    expectStatus(browser, 302);
    assertEquals("/hub/login?next=%2Fuser%2Falice%2Ftree", browser.getHeader("Location"));
    HttpResponse<Buffer> api = hub.get(hub.browser(), "/user/alice/api/contents");
    expectStatus(api, 403);
    HttpResponse<Buffer> forgedCookie = await(hub.browser().getAbs(hub.url("/user/alice/api/contents"))
        .putHeader("Cookie", "enjoy-session=0123456789abcdef0123456789abcdef").send());
    expectStatus(forgedCookie, 403);
    Throwable ws = assertFailsToConnect("/user/alice/api/kernels/k1/channels", null);
    assertTrue(ws instanceof UpgradeRejectedException rejected && rejected.getStatus() == 403, String.valueOf(ws));
    assertEquals(before, worker.received.size());
  }

  @Test
  @Order(6)
  void pathsThatNormaliseIntoAnotherUsersPrefixAreRejected() {
    int before = worker.received.size();
    WebClientSession bob = hub.loggedIn("bob");
    HttpResponse<Buffer> dotted = await(bob.getAbs(hub.url("/user/bob/../alice/api/contents")).send());
    assertTrue(dotted.statusCode() == 400 || dotted.statusCode() == 403, "got " + dotted.statusCode());
    HttpResponse<Buffer> encoded = await(bob.getAbs(hub.url("/user/bob%2F..%2Falice/api/contents")).send());
    assertNotEquals(200, encoded.statusCode());
    assertEquals(before, worker.received.size());
  }

  /**
   * As JupyterHub: the path of a named server that exists but is stopped belongs to that server
   * (its own "not running" page, its own start button), not to the running default server; once
   * the named server is removed, the segment is the default server's path again.
   */
  @Test
  @Order(3)
  void aStoppedNamedServersPathShowsItsOwnNotRunningPageNotTheDefaultServer() {
    ServerKey lab2 = new ServerKey("alice", "lab2");
    await(hub.gateway.hub().servers().start(lab2));
    await(hub.gateway.hub().servers().stop(lab2, "test"));
    int before = worker.received.size();

    HttpResponse<Buffer> page = hub.get(alice, "/user/alice/lab2/tree?x=1");
    expectStatus(page, 424);
    String html = page.bodyAsString();
    assertTrue(html.contains("Your server lab2 is not running"), html);
    assertTrue(html.contains("<input type=\"hidden\" name=\"server\" value=\"lab2\">"), html);
    assertTrue(html.contains("<input type=\"hidden\" name=\"next\" value=\"/user/alice/lab2/tree?x=1\">"), html);
    HttpResponse<Buffer> api = hub.get(alice, "/user/alice/lab2/api/contents");
    expectStatus(api, 424);
    assertTrue(api.bodyAsJsonObject().getString("message").contains("/user/alice/lab2/"), api.bodyAsString());
    assertEquals(before, worker.received.size(), "nothing went to the running default server");

    HttpResponse<Buffer> started = hub.postForm(alice, "/hub/server/start", MultiMap.caseInsensitiveMultiMap()
        .add("X-XSRF-TOKEN", GatewayFixture.xsrfToken(html)).add("server", "lab2").add("next", "/user/alice/lab2/tree?x=1"));
    expectStatus(started, 303);
    assertEquals("/hub/spawn-pending?server=lab2&next=%2Fuser%2Falice%2Flab2%2Ftree%3Fx%3D1", started.getHeader("Location"));
    long deadline = System.currentTimeMillis() + 30_000;
    while (!await(hub.gateway.hub().servers().status(lab2)).ready() && System.currentTimeMillis() < deadline) {
      sleep(100);
    }
    HttpResponse<Buffer> running = hub.get(alice, "/user/alice/lab2/api/contents");
    expectStatus(running, 200);
    assertEquals(List.of(worker.secrets.get(TestWorker.secretKey("alice", "lab2"))), running.bodyAsJsonObject().getJsonArray("secrets").getList());

    await(hub.gateway.hub().servers().remove(lab2, "test"));
    worker.secrets.remove(TestWorker.secretKey("alice", "lab2")); // its worker is gone (this stand-in keeps secrets after a stop)
    HttpResponse<Buffer> removed = hub.get(alice, "/user/alice/lab2/api/contents");
    expectStatus(removed, 200);
    assertEquals(List.of(worker.secrets.get("alice")), removed.bodyAsJsonObject().getJsonArray("secrets").getList(),
        "a removed named server's name is a path of the default server again");
  }

  @Test
  @Order(7)
  void stoppedServerAnswersJson424ForApiAndWebSocketAndAStartPageForBrowsers() {
    WebClientSession bob = hub.loggedIn("bob");
    HttpResponse<Buffer> api = hub.get(bob, "/user/bob/api/contents");
    expectStatus(api, 424);
    assertTrue(api.bodyAsJsonObject().getString("message").contains("/user/bob/"));
    Throwable ws = assertFailsToConnect("/user/bob/api/kernels/k1/channels", cookieHeader(bob));
    assertTrue(ws instanceof UpgradeRejectedException rejected && rejected.getStatus() == 424, String.valueOf(ws));
    HttpResponse<Buffer> page = hub.get(bob, "/user/bob/tree");
    expectStatus(page, 424);
    String html = page.bodyAsString();
    assertTrue(html.contains("id=\"server-state\">stopped<"), html);
    assertTrue(html.contains("action=\"/hub/server/start\""), html);
    assertTrue(html.contains("id=\"start-server\""), html);
    GatewayFixture.xsrfToken(html);
  }

  @Test
  @Order(8)
  void startWithoutAValidXsrfTokenIsRefusedAndStartsNothing() {
    WebClientSession bob = hub.loggedIn("bob");
    hub.get(bob, "/hub/home");
    HttpResponse<Buffer> noToken = hub.postForm(bob, "/hub/server/start", MultiMap.caseInsensitiveMultiMap());
    expectStatus(noToken, 403);
    HttpResponse<Buffer> wrongToken = hub.postForm(bob, "/hub/server/start",
        MultiMap.caseInsensitiveMultiMap().add("X-XSRF-TOKEN", "forged.1.x"));
    expectStatus(wrongToken, 403);
    sleep(300);
    assertTrue(await(hub.gateway.hub().servers().status(ServerKey.defaultServer("bob"))).stopped(), "nothing started");
  }

  @Test
  @Order(9)
  void failedStartShowsTheSpawnersOwnErrorOnTheHomePage() {
    WebClientSession carol = hub.loggedIn("carol");
    worker.failNextStart.set("image enjoy/worker:test not found on this host");
    String token = GatewayFixture.xsrfToken(hub.get(carol, "/hub/home").bodyAsString());
    expectStatus(hub.postForm(carol, "/hub/server/start", MultiMap.caseInsensitiveMultiMap().add("X-XSRF-TOKEN", token)), 303);
    long deadline = System.currentTimeMillis() + 20_000;
    String html = "";
    while (System.currentTimeMillis() < deadline) {
      html = hub.get(carol, "/hub/home").bodyAsString();
      if (html.contains("id=\"spawn-error\"")) {
        break;
      }
      sleep(100);
    }
    assertTrue(html.contains("image enjoy/worker:test not found on this host"), html);
    assertTrue(html.contains("id=\"server-state\">stopped<"), html);
    assertTrue(html.contains("id=\"start-server\""), html);
    String sse = hub.get(carol, "/hub/spawn-pending/events").bodyAsString();
    assertTrue(sse.contains("\"failed\":true") && sse.contains("image enjoy/worker:test not found on this host"), sse);
  }

  @Test
  @Order(9)
  void progressPageShowsTheSpawnersMessagesThenOpensTheServer() {
    WebClientSession dave = hub.loggedIn("dave");
    worker.holdNextStartWith.set("Pulling image enjoy/worker:test");
    String token = GatewayFixture.xsrfToken(hub.get(dave, "/hub/home").bodyAsString());
    expectStatus(hub.postForm(dave, "/hub/server/start", MultiMap.caseInsensitiveMultiMap().add("X-XSRF-TOKEN", token)), 303);
    long deadline = System.currentTimeMillis() + 20_000;
    String html = "";
    while (!html.contains("Pulling image enjoy/worker:test")) {
      assertTrue(System.currentTimeMillis() < deadline, "no progress shown: " + html);
      HttpResponse<Buffer> pending = hub.get(dave, "/hub/spawn-pending");
      expectStatus(pending, 200);
      html = pending.bodyAsString();
      sleep(50);
    }
    assertTrue(html.contains("id=\"server-state\">starting<"), html);
    assertTrue(html.contains("<meta http-equiv=\"refresh\" content=\"1\">"), "reloads itself without script");
    assertTrue(hub.get(dave, "/hub/home").bodyAsString().contains("id=\"server-state\">starting<"));
    assertTrue(html.contains("<script src=\"/hub/static/spawn-progress.js\" defer></script>"));
    expectStatus(hub.get(dave, "/hub/static/spawn-progress.js"), 200);
    var stream = dave.getAbs(hub.url("/hub/spawn-pending/events")).send();
    sleep(300);
    worker.release();
    HttpResponse<Buffer> events = await(stream);
    expectStatus(events, 200);
    assertEquals("text/event-stream", events.getHeader("Content-Type"));
    String sse = events.bodyAsString();
    assertTrue(sse.contains("data: {\"progress\":40,\"message\":\"Pulling image enjoy/worker:test\",\"failed\":false}"), sse);
    assertTrue(sse.contains("\"ready\":true") && sse.contains("\"url\":\"/user/dave/\""), sse);
    while (true) {
      assertTrue(System.currentTimeMillis() < deadline, "server did not become ready");
      HttpResponse<Buffer> pending = hub.get(dave, "/hub/spawn-pending");
      if (pending.statusCode() == 302) {
        assertEquals("/user/dave/", pending.getHeader("Location"));
        break;
      }
      sleep(50);
    }
    expectStatus(hub.get(dave, "/user/dave/api/status"), 200);
  }

  @Test
  @Order(10)
  void proxiedTrafficRecordsActivityOnTheRoute() {
    java.time.Instant before = java.time.Instant.now().minusMillis(5);
    expectStatus(hub.get(alice, "/user/alice/api/contents"), 200);
    await(hub.gateway.hub().flushActivity());
    java.time.Instant last = await(hub.gateway.hub().servers().status(ServerKey.defaultServer("alice"))).lastActivity();
    assertTrue(last != null && !last.isBefore(before), "last activity " + last + " should be after " + before);
  }

  @Test
  @Order(20)
  void stopFromTheHomePageEndsProxyingToThatServer() {
    WebClientSession bob = hub.loggedIn("bob");
    startFromHomePage(bob, "bob");
    HttpResponse<Buffer> running = hub.get(bob, "/user/bob/api/contents");
    expectStatus(running, 200);
    assertEquals(List.of(worker.secrets.get("bob")), running.bodyAsJsonObject().getJsonArray("secrets").getList());
    String token = GatewayFixture.xsrfToken(hub.get(bob, "/hub/home").bodyAsString());
    HttpResponse<Buffer> stopped = hub.postForm(bob, "/hub/server/stop", MultiMap.caseInsensitiveMultiMap().add("X-XSRF-TOKEN", token));
    expectStatus(stopped, 303);
    long deadline = System.currentTimeMillis() + 20_000;
    while (!await(hub.gateway.hub().servers().status(ServerKey.defaultServer("bob"))).stopped()) {
      assertTrue(System.currentTimeMillis() < deadline, "bob's server did not stop");
      sleep(100);
    }
    expectStatus(hub.get(bob, "/user/bob/api/contents"), 424);
    assertTrue(hub.get(bob, "/hub/home").bodyAsString().contains("id=\"server-state\">stopped<"));

    // the stopped page's start button brings bob back to the page he asked for
    HttpResponse<Buffer> stoppedPage = hub.get(bob, "/user/bob/notebooks/a.ipynb?x=1");
    expectStatus(stoppedPage, 424);
    assertTrue(stoppedPage.bodyAsString().contains("name=\"next\" value=\"/user/bob/notebooks/a.ipynb?x=1\""));
    HttpResponse<Buffer> restart = hub.postForm(bob, "/hub/server/start", MultiMap.caseInsensitiveMultiMap()
        .add("X-XSRF-TOKEN", GatewayFixture.xsrfToken(stoppedPage.bodyAsString())).add("next", "/user/bob/notebooks/a.ipynb?x=1"));
    expectStatus(restart, 303);
    String pendingUrl = restart.getHeader("Location");
    assertEquals("/hub/spawn-pending?next=%2Fuser%2Fbob%2Fnotebooks%2Fa.ipynb%3Fx%3D1", pendingUrl);
    while (true) {
      assertTrue(System.currentTimeMillis() < deadline + 20_000, "bob's server did not start again");
      HttpResponse<Buffer> pending = hub.get(bob, pendingUrl);
      if (pending.statusCode() == 302) {
        assertEquals("/user/bob/notebooks/a.ipynb?x=1", pending.getHeader("Location"));
        break;
      }
      sleep(50);
    }
    for (String foreign : List.of("//evil.example/user/bob/", "/user/alice/tree", "/hub/admin")) {
      String fresh = GatewayFixture.xsrfToken(hub.get(bob, "/hub/home").bodyAsString());
      HttpResponse<Buffer> again = hub.postForm(bob, "/hub/server/start",
          MultiMap.caseInsensitiveMultiMap().add("X-XSRF-TOKEN", fresh).add("next", foreign));
      assertEquals("/hub/spawn-pending", again.getHeader("Location"), "next=" + foreign + " is not bob's server");
    }
  }

  @Test
  @Order(100)
  void unreachableWorkerGivesA503PageAfterTheRouteIsRechecked() {
    worker.crash();
    HttpResponse<Buffer> page = hub.get(alice, "/user/alice/tree");
    expectStatus(page, 503);
    assertTrue(page.bodyAsString().contains("not responding"), page.bodyAsString());
    HttpResponse<Buffer> api = hub.get(alice, "/user/alice/api/contents");
    expectStatus(api, 503);
    assertTrue(api.bodyAsJsonObject().getString("message").contains("not responding"));
  }

  /** One client for the whole class: an unreferenced Vert.x client may be closed by the GC mid-handshake. */
  private static WebSocketClient webSocketClient;

  private static synchronized WebSocketClient webSockets() {
    if (webSocketClient == null) {
      webSocketClient = hub.vertx.createWebSocketClient(new WebSocketClientOptions()
          .setSsl(true)
          .setTrustOptions(new PemTrustOptions().addCertPath(hub.gateway.tls().certPath().toString())));
    }
    return webSocketClient;
  }

  private static WebSocketConnectOptions wsOptions(String uri, String cookie) {
    WebSocketConnectOptions options = new WebSocketConnectOptions()
        .setHost("localhost").setPort(hub.gateway.httpsPort()).setSsl(true).setURI(uri);
    if (cookie != null) {
      options.addHeader("Cookie", cookie);
    }
    return options;
  }

  private static Throwable assertFailsToConnect(String uri, String cookie) {
    return assertFailsToConnect(wsOptions(uri, cookie));
  }

  private static Throwable assertFailsToConnect(WebSocketConnectOptions options) {
    try {
      WebSocket ws = await(webSockets().connect(options));
      ws.close();
      throw new AssertionError("WebSocket to " + options.getURI() + " was accepted");
    } catch (RuntimeException e) {
      return e;
    }
  }

  private static String cookieHeader(WebClientSession browser) {
    return java.util.stream.StreamSupport.stream(browser.cookieStore().get(true, "localhost", "/user/").spliterator(), false)
        .map(c -> c.name() + "=" + c.value()).collect(Collectors.joining("; "));
  }

  private static JsonObject lastReceived(String method) {
    List<JsonObject> all = worker.received;
    for (int i = all.size() - 1; i >= 0; i--) {
      if (method.equals(all.get(i).getString("method"))) {
        return all.get(i);
      }
    }
    throw new AssertionError("worker received no " + method);
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
