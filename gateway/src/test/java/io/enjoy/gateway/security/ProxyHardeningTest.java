package io.enjoy.gateway.security;

import static io.enjoy.gateway.GatewayFixture.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.enjoy.conf.bus.ServerKey;
import io.enjoy.gateway.GatewayFixture;
import io.enjoy.gateway.TestWorker;
import io.enjoy.gateway.proxy.UserServerProxy;
import io.enjoy.gateway.security.RawHttp.Answer;
import io.vertx.core.Future;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.UpgradeRejectedException;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.PemTrustOptions;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.ext.web.client.WebClientSession;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code /user/} proxy under attack and under failure: requests written byte for byte, a
 * stand-in worker (real HTTP + WebSocket server that checks each user's secret) for alice and bob,
 * and "containers" that are dead (nothing listens) for erin.
 */
class ProxyHardeningTest {
  /** Short, so a hung worker shows within the test. */
  static final Duration UPSTREAM_TIMEOUT = Duration.ofSeconds(2);

  @TempDir
  static Path dataDir;
  static GatewayFixture hub;
  static TestWorker worker;
  static RawHttp https;
  static String aliceCookie;
  static String bobCookie;
  static WebSocketClient webSockets;

  @BeforeAll
  static void start() {
    hub = GatewayFixture.start(Configs.gateway(dataDir, List.of("alice", "bob", "erin", "fred", "gina"), -1, UPSTREAM_TIMEOUT));
    worker = new TestWorker(hub.vertx).start();
    https = new RawHttp(hub.gateway.tls().certPath(), hub.gateway.httpsPort());
    aliceCookie = BrowserCookies.only(hub.loggedIn("alice"), "/user/", "enjoy-session");
    bobCookie = BrowserCookies.only(hub.loggedIn("bob"), "/user/", "enjoy-session");
    await(hub.gateway.hub().servers().start(ServerKey.defaultServer("alice")));
    await(hub.gateway.hub().servers().start(ServerKey.defaultServer("bob")));
    webSockets = hub.vertx.createWebSocketClient(new WebSocketClientOptions().setSsl(true)
        .setTrustOptions(new PemTrustOptions().addCertPath(hub.gateway.tls().certPath().toString())));
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

  /** T5: paths that a decoding proxy would route to alice while the browser sent bob's cookie. */
  @Test
  void T05_pathTricksWithBobsCookieNeverReachAlicesServer() {
    List<String> vectors = List.of("/user/bob/..%2Falice/api/contents", "/user/bob/%2e%2e/alice/", "/user/bob/%2E%2E/alice/",
        "/user/bob;x=1/../alice/", "/user/bob/..\\alice/", "/user//alice/", "/user/bob%2F..%2Falice/",
        "/user/bob/../alice/api/contents", "/user/bob/./../alice/", "/user/bob%2falice/", "/user/%62ob/../alice/");
    List<String> wrong = new ArrayList<>();
    for (String path : vectors) {
      int before = worker.received.size();
      Answer answer = https.get(path, "Cookie: " + bobCookie + "; bob-own=1");
      List<JsonObject> arrived = worker.received.subList(before, worker.received.size());
      boolean reachedAlice = arrived.stream().anyMatch(r -> r.getString("uri").startsWith("/user/alice"));
      boolean fromBobsServer = answer.status() == 200 && arrived.size() == 1
          && arrived.get(0).getString("uri").startsWith("/user/bob");
      boolean refused = answer.status() == 400 || answer.status() == 403 || answer.status() == 404;
      if (reachedAlice || !(refused || fromBobsServer)) {
        wrong.add(path + " → " + answer.status() + " " + arrived);
      }
    }
    assertEquals(List.of(), wrong);
    assertTrue(worker.received.stream().filter(r -> r.getString("uri").startsWith("/user/alice"))
        .noneMatch(r -> String.valueOf(r.getString("cookie")).contains("bob-own")), "alice's server never saw bob's cookie");
  }

  /** T6 and T32: worker responses cannot be framed or embedded by another site, whatever the worker sends. */
  @Test
  void T06_T32_userServerResponsesCannotBeFramedOrEmbeddedCrossSite() {
    Answer own = https.get("/user/alice/files/secret.png", "Cookie: " + aliceCookie, "Sec-Fetch-Site: same-origin",
        "Sec-Fetch-Mode: no-cors", "Sec-Fetch-Dest: image");
    assertEquals(200, own.status(), "the control: alice's own page shows her image");
    assertTrue(own.all("Content-Security-Policy").contains("frame-ancestors 'none'"), own.headers().toString());
    assertEquals("DENY", own.header("X-Frame-Options"));
    assertEquals("same-origin", own.header("Cross-Origin-Resource-Policy"), "older browsers without Sec-Fetch are covered too");

    int before = worker.received.size();
    for (String dest : List.of("image", "script", "style", "iframe")) {
      Answer embedded = https.get("/user/alice/files/secret.png", "Cookie: " + aliceCookie, "Sec-Fetch-Site: cross-site",
          "Sec-Fetch-Mode: " + (dest.equals("iframe") ? "navigate" : "no-cors"), "Sec-Fetch-Dest: " + dest);
      assertEquals(403, embedded.status(), dest);
      assertFalse(embedded.body().contains("secret.png\""), embedded.body());
    }
    Answer sibling = https.get("/user/alice/api/contents", "Cookie: " + aliceCookie, "Sec-Fetch-Site: same-site",
        "Sec-Fetch-Mode: cors", "Sec-Fetch-Dest: empty");
    assertEquals(403, sibling.status(), "a sibling host (another user's subdomain) is not this origin either");
    assertEquals(before, worker.received.size(), "nothing of it reached the worker");
    Answer link = https.get("/user/alice/tree", "Cookie: " + aliceCookie, "Sec-Fetch-Site: cross-site",
        "Sec-Fetch-Mode: navigate", "Sec-Fetch-Dest: document");
    assertEquals(200, link.status(), "a link from elsewhere still opens the server");
  }

  /** T31: handshakes from a foreign, look-alike or opaque origin, or without a login, never reach the worker. */
  @Test
  void T31_webSocketUpgradesFromAnotherOriginOrWithoutLoginAreRefused() {
    String own = "https://localhost:" + hub.gateway.httpsPort();
    List<List<String>> attempts = List.of(
        List.of("Cookie: " + aliceCookie, "Origin: null"),
        List.of("Cookie: " + aliceCookie, "Origin: https://bob.hub.example"),
        List.of("Cookie: " + aliceCookie, "Origin: " + own + ".evil.example"),
        List.of("Cookie: " + aliceCookie, "Origin: http://localhost:" + hub.gateway.httpsPort()),
        List.of("Cookie: " + aliceCookie, "Origin: " + own, "Sec-Fetch-Site: cross-site", "Sec-Fetch-Mode: websocket"),
        List.of("Origin: " + own));
    int before = worker.received.size();
    for (List<String> headers : attempts) {
      List<String> handshake = new ArrayList<>(List.of("Upgrade: websocket", "Connection: Upgrade", "Sec-WebSocket-Version: 13",
          "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ=="));
      handshake.addAll(headers);
      Answer answer = https.send("GET", "/user/alice/api/kernels/k1/channels", handshake, null);
      assertEquals(403, answer.status(), headers.toString());
    }
    assertEquals(before, worker.received.size(), "no handshake reached alice's server");
  }

  /** T10 / H-19: a logout in another tab ends the kernel WebSocket this tab had open, and its reconnect is refused. */
  @Test
  void T10_logoutInAnotherTabClosesThisTabsWebSocketAndRefusesItsReconnect() throws Exception {
    String tabCookie = BrowserCookies.only(hub.loggedIn("gina"), "/user/", "enjoy-session");
    WebClientSession otherTab = hub.loggedIn("gina");
    await(hub.gateway.hub().servers().start(ServerKey.defaultServer("gina")));
    WebSocketConnectOptions channel = new WebSocketConnectOptions().setHost("localhost").setPort(hub.gateway.httpsPort())
        .setSsl(true).setURI("/user/gina/api/kernels/k1/channels").addHeader("Cookie", tabCookie);
    WebSocket ws = await(webSockets.connect(channel));
    CompletableFuture<String> echo = new CompletableFuture<>();
    CompletableFuture<Void> closed = new CompletableFuture<>();
    ws.textMessageHandler(echo::complete);
    ws.closeHandler(v -> closed.complete(null));
    ws.writeTextMessage("before");
    assertEquals("echo:before", echo.get(10, TimeUnit.SECONDS), "the channel works while logged in");

    GatewayFixture.expectStatus(hub.logOut(otherTab), 200);
    closed.get(10, TimeUnit.SECONDS);
    Throwable reconnect = assertThrows(RuntimeException.class, () -> await(webSockets.connect(channel)));
    assertTrue(reconnect instanceof UpgradeRejectedException r && r.getStatus() == 403, String.valueOf(reconnect));
  }

  /**
   * H-04: a kernel WebSocket that stays silent longer than the 60 s after which an intermediate
   * proxy cut noVNC sessions is still open and delivers the next message (no idle timeout applies
   * to upgraded connections, in either direction).
   */
  @Test
  void H04_aWebSocketSilentForMoreThanAMinuteStaysOpen() throws Exception {
    WebSocketConnectOptions channel = new WebSocketConnectOptions().setHost("localhost").setPort(hub.gateway.httpsPort())
        .setSsl(true).setURI("/user/alice/api/kernels/quiet/channels").addHeader("Cookie", aliceCookie);
    WebSocket ws = await(webSockets.connect(channel));
    CompletableFuture<Void> closed = new CompletableFuture<>();
    ws.closeHandler(v -> closed.complete(null));
    Thread.sleep(65_000);
    assertFalse(closed.isDone(), "closed while silent");
    CompletableFuture<String> echo = new CompletableFuture<>();
    ws.textMessageHandler(echo::complete);
    ws.writeTextMessage("after a quiet minute");
    assertEquals("echo:after a quiet minute", echo.get(10, TimeUnit.SECONDS));
    await(ws.close());
  }

  /** ASVS 15.3.4: what the worker reads as client address, host and scheme comes from the gateway, never from the client. */
  @Test
  void forwardedHeadersAreTheGatewaysOwnNeverTheClients() {
    Answer answer = https.get("/user/alice/api/contents", "Cookie: " + aliceCookie, "X-Forwarded-For: 6.6.6.6",
        "X-Forwarded-Host: evil.example", "X-Forwarded-Proto: http", "X-Forwarded-For: 7.7.7.7");
    assertEquals(200, answer.status());
    JsonObject seen = worker.received.get(worker.received.size() - 1);
    assertEquals("127.0.0.1", seen.getString("xForwardedFor"));
    assertEquals("localhost:" + hub.gateway.httpsPort(), seen.getString("xForwardedHost"));
    assertEquals("https", seen.getString("xForwardedProto"));
    assertEquals("localhost:" + hub.gateway.httpsPort(), seen.getString("host"), "the worker sees the Host the browser used");
  }

  /**
   * H-01: clients retrying WebSockets and requests against a server that died (its route still
   * there) and then against one that was stopped each get a prompt final answer, and every
   * socket is released: no connection piles up on the gateway or toward the dead port.
   */
  @Test
  void H01_retryStormsAgainstADeadServerGetPromptAnswersAndLeaveNoSockets() throws Exception {
    int deadPort;
    try (ServerSocket gone = new ServerSocket(0)) {
      deadPort = gone.getLocalPort();
    }
    worker.portFor.put("erin", deadPort);
    String erinCookie = BrowserCookies.only(hub.loggedIn("erin"), "/user/", "enjoy-session");
    await(hub.gateway.hub().servers().start(ServerKey.defaultServer("erin")));
    long baseline = TcpSockets.atPort(hub.gateway.httpsPort());

    List<Integer> died = storm(erinCookie, 150);
    assertTrue(died.stream().allMatch(s -> s == 503 || s == 424 || s == 502), "dead server: " + died);

    await(hub.gateway.hub().servers().stop(ServerKey.defaultServer("erin"), "test"));
    List<Integer> stopped = storm(erinCookie, 150);
    assertTrue(stopped.stream().allMatch(s -> s == 424), "stopped server: " + stopped);

    long deadline = System.currentTimeMillis() + 10_000;
    while (TcpSockets.atPort(hub.gateway.httpsPort()) > baseline + 5 && System.currentTimeMillis() < deadline) {
      Thread.sleep(100);
    }
    assertTrue(TcpSockets.atPort(hub.gateway.httpsPort()) <= baseline + 5,
        "gateway sockets " + TcpSockets.atPort(hub.gateway.httpsPort()) + " vs " + baseline + " before");
    assertEquals(0, TcpSockets.toPort(deadPort));
  }

  /**
   * H-01 and H-02, the hung variant (a paused container: the kernel accepts connections, nobody
   * answers): a burst of 100 requests holds at most the pool's connections to it, each client
   * gets a 503 once {@code gateway.upstream_timeout} passes, and the connections are closed then.
   */
  @Test
  void H01_aHungServerHoldsAtMostThePoolsConnectionsAndEveryClientGetsAnAnswer() throws Exception {
    try (ServerSocket hung = new ServerSocket(0, 500, InetAddress.getLoopbackAddress())) {
      int port = hung.getLocalPort();
      worker.portFor.put("fred", port);
      String cookie = BrowserCookies.only(hub.loggedIn("fred"), "/user/", "enjoy-session");
      await(hub.gateway.hub().servers().start(ServerKey.defaultServer("fred")));
      // 100 browsers at once: the client side must not be the bottleneck (Vert.x pools 5 per host by default)
      WebClient client = WebClient.create(hub.vertx, new WebClientOptions().setSsl(true)
          .setTrustOptions(new PemTrustOptions().addCertPath(hub.gateway.tls().certPath().toString())),
          new PoolOptions().setHttp1MaxSize(100));
      List<Future<Integer>> answers = new ArrayList<>();
      long started = System.nanoTime();
      for (int i = 0; i < 100; i++) {
        answers.add(client.getAbs(hub.url("/user/fred/api/contents/" + i)).putHeader("Cookie", cookie).timeout(60_000).send()
            .map(r -> r.statusCode()));
      }
      long most = 0;
      while (!Future.all(answers).isComplete()) {
        most = Math.max(most, TcpSockets.toPort(port));
        Thread.sleep(50);
      }
      long seconds = (System.nanoTime() - started) / 1_000_000_000;
      List<Integer> statuses = await(Future.all(answers)).list();
      assertTrue(statuses.stream().allMatch(s -> s == 503), String.valueOf(statuses));
      // the pool holds 32; a reset connection may still count as open for a moment while its slot is
      // already reused, hence the margin. Without a bound all 100 would be open at once.
      assertTrue(most > 0 && most <= UserServerProxy.POOL_PER_WORKER * 3 / 2, "connections to the hung server: " + most);
      assertTrue(seconds < 30, "all answered after " + seconds + " s");
      long deadline = System.currentTimeMillis() + 5_000;
      while (TcpSockets.toPort(port) > 0 && System.currentTimeMillis() < deadline) {
        Thread.sleep(50);
      }
      assertEquals(0, TcpSockets.toPort(port), "connections to the hung server are closed, not left for the idle timeout");
      client.close();
    }
  }

  /** {@code count} WebSocket handshakes and HTTP requests, 50 at a time; each must be answered within 10 s. */
  private static List<Integer> storm(String cookie, int count) {
    List<Integer> statuses = new ArrayList<>();
    for (int batch = 0; batch < count; batch += 50) {
      List<Future<Integer>> answers = new ArrayList<>();
      for (int i = 0; i < 50; i++) {
        WebSocketConnectOptions options = new WebSocketConnectOptions().setHost("localhost").setPort(hub.gateway.httpsPort())
            .setSsl(true).setURI("/user/erin/api/kernels/k" + i + "/channels").addHeader("Cookie", cookie)
            .setTimeout(10_000);
        answers.add(webSockets.connect(options).map(ws -> {
          ws.close();
          return 101;
        }).recover(err -> Future.succeededFuture(err instanceof UpgradeRejectedException r ? r.getStatus() : -1)));
      }
      statuses.addAll(await(Future.all(answers)).list());
      for (int i = 0; i < 10; i++) {
        statuses.add(https.get("/user/erin/api/contents", "Cookie: " + cookie).status());
      }
    }
    return statuses;
  }
}
