package io.enjoy.gateway.security;

import static io.enjoy.gateway.GatewayFixture.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.enjoy.conf.bus.ServerKey;
import io.enjoy.gateway.GatewayFixture;
import io.enjoy.gateway.TestWorker;
import io.enjoy.gateway.security.RawHttp.Answer;
import io.vertx.core.json.JsonObject;
import java.io.InputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Per-user subdomain mode ({@code gateway.user_domain: localhost}: the hub on {@code localhost},
 * alice's server on {@code alice.localhost}), with raw HTTPS requests naming their Host
 * explicitly, so nothing a client library would tidy up hides a routing or cookie rule.
 */
class SubdomainIsolationTest {
  private static final String HUB_COOKIE = "__Host-enjoy-session";
  private static final String USER_HOST_COOKIE = "__Host-enjoy-user-session";
  private static final Pattern STATE_COOKIE = Pattern.compile("(__Host-enjoy-state-[A-Za-z0-9_-]{8})=([A-Za-z0-9_-]{43})");

  @TempDir
  static Path dataDir;
  static GatewayFixture hub;
  static TestWorker worker;
  static RawHttp https;
  static int port;
  static String aliceHubCookie;
  static String bobHubCookie;

  @BeforeAll
  static void start() {
    hub = GatewayFixture.start(Configs.subdomains(dataDir, List.of("alice", "bob", "erin", "fred"), "", 0, "localhost"));
    worker = new TestWorker(hub.vertx).start();
    port = hub.gateway.httpsPort();
    https = new RawHttp(hub.gateway.tls().certPath(), port);
    aliceHubCookie = BrowserCookies.only(hub.loggedIn("alice"), "/", HUB_COOKIE);
    bobHubCookie = BrowserCookies.only(hub.loggedIn("bob"), "/", HUB_COOKIE);
    assertFalse(aliceHubCookie.isEmpty(), "the hub's cookie is " + HUB_COOKIE);
    await(hub.gateway.hub().servers().start(ServerKey.defaultServer("alice")));
    await(hub.gateway.hub().servers().start(ServerKey.defaultServer("bob")));
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

  private static String host(String label) {
    return label + ".localhost:" + port;
  }

  private static Answer get(String host, String target, String... headers) {
    return https.send(host, "GET", target, List.of(headers), null);
  }

  /** The three redirects of the handshake, as a browser follows them; returns the user host's cookie ({@code name=value}). */
  static String userHostCookie(String hubCookie, String user, String path) {
    Handshake started = startHandshake(user, path);
    Answer code = get("localhost:" + port, started.hubPath(), "Cookie: " + hubCookie);
    assertEquals(302, code.status(), code.toString());
    URI callback = URI.create(code.header("Location"));
    assertEquals(user + ".localhost", callback.getHost());
    Answer done = get(host(user), callback.getRawPath() + "?" + callback.getRawQuery(), "Cookie: " + started.stateCookie());
    assertEquals(302, done.status(), done.toString());
    assertEquals(path, done.header("Location"), "back to where the browser was going");
    return cookieSet(done, USER_HOST_COOKIE);
  }

  record Handshake(String stateCookie, String state, String hubPath) {}

  /** A user host without a session sends the browser to the hub with a state value it also keeps in a cookie. */
  static Handshake startHandshake(String user, String path) {
    Answer toHub = get(host(user), path);
    assertEquals(302, toHub.status(), toHub.toString());
    URI location = URI.create(toHub.header("Location"));
    assertEquals("localhost", location.getHost());
    assertEquals(port, location.getPort());
    Matcher cookie = STATE_COOKIE.matcher(String.join("\n", toHub.all("Set-Cookie")));
    assertTrue(cookie.find(), toHub.all("Set-Cookie").toString());
    return new Handshake(cookie.group(1) + "=" + cookie.group(2), cookie.group(2), location.getRawPath() + "?" + location.getRawQuery());
  }

  /** The {@code name=value} a Set-Cookie of this name carries (fails without one). */
  static String cookieSet(Answer answer, String name) {
    return answer.all("Set-Cookie").stream().filter(c -> c.startsWith(name + "=")).map(c -> c.split(";", 2)[0]).findFirst()
        .orElseThrow(() -> new AssertionError("no " + name + " set: " + answer.headers()));
  }

  private static String setCookieLine(Answer answer, String name) {
    return answer.all("Set-Cookie").stream().filter(c -> c.startsWith(name + "=")).findFirst().orElseThrow();
  }

  @Test
  void T03_theOwnerReachesTheServerOnItsOwnHostWithThePrefixKeptAndNoHubCookie() {
    String cookie = userHostCookie(aliceHubCookie, "alice", "/user/alice/tree?x=1");
    Answer answer = get(host("alice"), "/user/alice/api/contents?x=1", "Cookie: " + cookie + "; worker-own=1; " + aliceHubCookie);
    assertEquals(200, answer.status(), answer.toString());
    JsonObject seen = new JsonObject(answer.body());
    assertEquals("/user/alice/api/contents?x=1", seen.getString("uri"), "the worker keeps its /user/<name>/ prefix");
    assertEquals(host("alice"), seen.getString("host"), "the browser's Host reaches the worker");
    assertEquals("worker-own=1", seen.getString("cookie"), "no gateway cookie reaches user code");
    assertTrue(answer.all("Content-Security-Policy").contains("frame-ancestors 'none'"), answer.headers().toString());
    assertEquals("DENY", answer.header("X-Frame-Options"));
    assertNotNull(answer.header("Strict-Transport-Security"));
  }

  @Test
  void T04_everyCookieIsHostPrefixedSecureHttpOnlyLaxAndHostOnly() {
    Handshake started = startHandshake("alice", "/user/alice/");
    Answer code = get("localhost:" + port, started.hubPath(), "Cookie: " + aliceHubCookie);
    URI callback = URI.create(code.header("Location"));
    Answer done = get(host("alice"), callback.getRawPath() + "?" + callback.getRawQuery(), "Cookie: " + started.stateCookie());
    Answer hubPage = get("localhost:" + port, "/hub/home", "Cookie: " + aliceHubCookie);
    List<String> lines = new ArrayList<>(done.all("Set-Cookie"));
    lines.addAll(hubPage.all("Set-Cookie"));
    assertTrue(lines.stream().anyMatch(l -> l.startsWith(USER_HOST_COOKIE + "=")), lines.toString());
    assertTrue(lines.stream().anyMatch(l -> l.startsWith("__Host-enjoy-xsrf=")), "the hub's XSRF cookie: " + lines);
    for (String line : lines) {
      String lower = line.toLowerCase(Locale.ROOT);
      assertTrue(line.startsWith("__Host-"), line);
      assertTrue(lower.contains("; secure") && lower.contains("; path=/") && !lower.contains("domain="), line);
      assertTrue(lower.contains("samesite=lax") || lower.contains("samesite=strict"), line);
      assertTrue(lower.contains("httponly"), line);
    }
    // a cookie a user's page tossed onto the parent domain under the old name is not the hub's session
    String tossed = "enjoy-session=" + bobHubCookie.split("=", 2)[1];
    Answer withTossed = get("localhost:" + port, "/hub/home", "Cookie: " + tossed);
    assertEquals(302, withTossed.status(), "not logged in as bob by a tossed cookie");
    assertTrue(withTossed.header("Location").startsWith("/hub/login"), withTossed.toString());
  }

  @Test
  void hubPathsOfUserServersRedirectToTheUsersHost() {
    Answer answer = get("localhost:" + port, "/user/bob/tree/a%20b?x=1", "Cookie: " + aliceHubCookie);
    assertEquals(302, answer.status(), answer.toString());
    assertEquals("https://bob.localhost:" + port + "/user/bob/tree/a%20b?x=1", answer.header("Location"));
    Answer capital = get("localhost:" + port, "/user/Alice/");
    assertEquals("https://u-41-lice--w.localhost:" + port + "/user/Alice/", capital.header("Location"), "a capital gets its own label");
  }

  @Test
  void T03_aCookieOfAlicesHostNeverOpensBobsServer() {
    String aliceHost = userHostCookie(aliceHubCookie, "alice", "/user/alice/");
    int before = worker.received.size();
    // replayed with bob's Host: the session is bound to alice's host, so bob's host starts its own handshake
    Answer replayed = get(host("bob"), "/user/bob/api/contents", "Cookie: " + aliceHost, "Accept: application/json");
    assertEquals(401, replayed.status(), replayed.toString());
    // on alice's host, bob's paths do not exist
    assertEquals(404, get(host("alice"), "/user/bob/api/contents", "Cookie: " + aliceHost).status());
    // the hub's own cookie opens no user host
    Answer hubCookieOnly = get(host("bob"), "/user/bob/api/contents", "Cookie: " + bobHubCookie, "Accept: application/json");
    assertEquals(401, hubCookieOnly.status(), "the hub cookie is not a user host's cookie");
    assertTrue(worker.received.subList(before, worker.received.size()).stream().noneMatch(r -> r.getString("uri").contains("bob")),
        "bob's server saw none of it");
  }

  @Test
  void onlyTheOwnerGetsACodeForAHost() {
    Handshake started = startHandshake("bob", "/user/bob/");
    Answer code = get("localhost:" + port, started.hubPath(), "Cookie: " + aliceHubCookie);
    assertEquals(403, code.status(), "alice asked for a code to bob's host: " + code);
    assertNull(code.header("Location"));
    Answer anonymous = get("localhost:" + port, started.hubPath());
    assertEquals(302, anonymous.status());
    assertTrue(anonymous.header("Location").startsWith("/hub/login?next="), "not logged in: to the login first");
  }

  @Test
  void T25_aCodeWorksOnceOnlyForItsHostAndTheBrowserThatAskedForIt() {
    // replayed
    Handshake started = startHandshake("alice", "/user/alice/");
    URI callback = URI.create(get("localhost:" + port, started.hubPath(), "Cookie: " + aliceHubCookie).header("Location"));
    String target = callback.getRawPath() + "?" + callback.getRawQuery();
    assertEquals(302, get(host("alice"), target, "Cookie: " + started.stateCookie()).status());
    Answer replay = get(host("alice"), target, "Cookie: " + started.stateCookie());
    assertEquals(400, replay.status(), "a used code: " + replay);
    assertTrue(replay.all("Set-Cookie").stream().noneMatch(c -> c.startsWith(USER_HOST_COOKIE + "=") && !c.startsWith(USER_HOST_COOKIE + "=;")));

    // injected into another browser (no state cookie, or another login's): refused, and the code is used up
    Handshake victim = startHandshake("alice", "/user/alice/");
    Handshake attacker = startHandshake("alice", "/user/alice/");
    URI attackersCode = URI.create(get("localhost:" + port, attacker.hubPath(), "Cookie: " + aliceHubCookie).header("Location"));
    String injected = attackersCode.getRawPath() + "?" + attackersCode.getRawQuery();
    assertEquals(400, get(host("alice"), injected).status(), "no state cookie");
    assertEquals(400, get(host("alice"), injected.replace(attacker.state(), victim.state()), "Cookie: " + victim.stateCookie()).status(),
        "the victim's state with the attacker's code");
    assertEquals(400, get(host("alice"), injected, "Cookie: " + attacker.stateCookie()).status(), "the code was used up by the failed tries");

    // presented at another host
    Handshake forBob = startHandshake("bob", "/user/bob/");
    URI bobsCode = URI.create(get("localhost:" + port, forBob.hubPath(), "Cookie: " + bobHubCookie).header("Location"));
    Answer elsewhere = get(host("alice"), bobsCode.getRawPath() + "?" + bobsCode.getRawQuery(), "Cookie: " + forBob.stateCookie());
    assertEquals(400, elsewhere.status(), "bob's code on alice's host");
  }

  @Test
  void T10_logoutAtTheHubEndsAccessOnTheUserHostAndClosesItsWebSockets() throws Exception {
    var erin = hub.loggedIn("erin");
    String erinHub = BrowserCookies.only(erin, "/", HUB_COOKIE);
    await(hub.gateway.hub().servers().start(ServerKey.defaultServer("erin")));
    String cookie = userHostCookie(erinHub, "erin", "/user/erin/");
    assertEquals(200, get(host("erin"), "/user/erin/api/contents", "Cookie: " + cookie).status());
    try (Socket socket = https.open()) {
      socket.setSoTimeout(10_000);
      String handshake = "GET /user/erin/api/kernels/k1/channels HTTP/1.1\r\nHost: " + host("erin") + "\r\nCookie: " + cookie
          + "\r\nOrigin: https://" + host("erin") + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\n"
          + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n";
      socket.getOutputStream().write(handshake.getBytes(StandardCharsets.ISO_8859_1));
      String head = readHead(socket.getInputStream());
      assertTrue(head.startsWith("HTTP/1.1 101"), head);

      GatewayFixture.expectStatus(hub.logOut(erin), 200); // the confirmation page's POST, as a user logs out
      long deadline = System.currentTimeMillis() + 10_000;
      int read = 0;
      while (read >= 0 && System.currentTimeMillis() < deadline) {
        read = socket.getInputStream().read(); // frames until the gateway closes the connection
      }
      assertEquals(-1, read, "the WebSocket on the user host was closed after the logout");
    }
    Answer after = get(host("erin"), "/user/erin/api/contents", "Cookie: " + cookie);
    assertEquals(401, after.status(), "the user host's cookie no longer works: " + after);
    Answer page = get(host("erin"), "/user/erin/tree", "Cookie: " + cookie);
    assertEquals(302, page.status());
    assertTrue(page.header("Location").startsWith("https://localhost:" + port + "/hub/user-host-login?"), "a fresh handshake");
  }

  private static String readHead(InputStream in) throws java.io.IOException {
    StringBuilder head = new StringBuilder();
    while (!head.toString().endsWith("\r\n\r\n")) {
      int b = in.read();
      if (b < 0) {
        break;
      }
      head.append((char) b);
    }
    return head.toString();
  }

  @Test
  void T31_aWebSocketOnAUserHostIsAcceptedOnlyFromThatHostsOwnOrigin() throws Exception {
    String cookie = userHostCookie(aliceHubCookie, "alice", "/user/alice/");
    List<String> foreign = List.of("null", "https://localhost:" + port, "https://bob.localhost:" + port,
        "https://alice.localhost:" + port + ".evil.example", "http://alice.localhost:" + port, "https://alice.localhost");
    int before = worker.received.size();
    for (String origin : foreign) {
      Answer answer = https.send(host("alice"), "GET", "/user/alice/api/kernels/k1/channels", webSocket(cookie, origin), null);
      assertEquals(403, answer.status(), origin);
    }
    assertEquals(before, worker.received.size(), "no foreign handshake reached the worker");
    assertTrue(openWebSocket(cookie, "https://alice.localhost:" + port).startsWith("HTTP/1.1 101"), "the host's own origin is accepted");
  }

  /** The answer head to a WebSocket handshake on alice's host (read without waiting for the connection to end). */
  private static String openWebSocket(String cookie, String origin) throws java.io.IOException {
    try (Socket socket = https.open()) {
      socket.setSoTimeout(10_000);
      String request = "GET /user/alice/api/kernels/k1/channels HTTP/1.1\r\nHost: " + host("alice") + "\r\n"
          + String.join("\r\n", webSocket(cookie, origin)) + "\r\n\r\n";
      socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
      return readHead(socket.getInputStream());
    }
  }

  private static List<String> webSocket(String cookie, String origin) {
    return List.of("Cookie: " + cookie, "Origin: " + origin, "Upgrade: websocket", "Connection: Upgrade", "Sec-WebSocket-Version: 13",
        "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==");
  }

  @Test
  void forgedHostsAreRoutedNowhereAndUnknownLabelsAre404() {
    String cookie = userHostCookie(aliceHubCookie, "alice", "/user/alice/");
    int before = worker.received.size();
    for (String forged : List.of("evil.example", "127.0.0.1:" + port, "alice.localhost.evil.example", "a.alice.localhost", "-x.localhost",
        "alice_.localhost", "localhost.evil.example")) {
      Answer answer = get(forged, "/user/alice/api/contents", "Cookie: " + cookie + "; " + aliceHubCookie);
      assertEquals(421, answer.status(), forged + ": " + answer);
    }
    assertEquals(before, worker.received.size(), "nothing was forwarded");
    Answer nobody = get(host("nobody"), "/user/nobody/");
    assertEquals(404, nobody.status(), "a label that names no user");
    assertTrue(nobody.body().contains("There is no user server at this address."), nobody.body());
  }

  @Test
  void errorPagesOnAUserHostGetTheHubsStylesheetFromThatHost() {
    Answer nobody = get(host("nobody"), "/user/nobody/");
    assertTrue(nobody.body().contains("href=\"/hub/static/hub.css\""), nobody.body());
    Answer css = get(host("nobody"), "/hub/static/hub.css");
    assertEquals(200, css.status(), "the page's own origin serves its stylesheet, which its CSP allows: " + css);
    assertTrue(css.header("Content-Type").startsWith("text/css"), css.toString());
  }

  @Test
  void aStoppedServerSendsTheBrowserToTheHubsStartButtonAndScriptsAJson424() {
    String fredHub = BrowserCookies.only(hub.loggedIn("fred"), "/", HUB_COOKIE);
    String cookie = userHostCookie(fredHub, "fred", "/user/fred/tree");
    Answer page = get(host("fred"), "/user/fred/tree", "Cookie: " + cookie);
    assertEquals(302, page.status(), page.toString());
    assertEquals("https://localhost:" + port + "/user/fred/tree", page.header("Location"));
    Answer onHub = get("localhost:" + port, "/user/fred/tree", "Cookie: " + fredHub);
    assertEquals(424, onHub.status(), "the hub shows the stopped server: " + onHub);
    assertTrue(onHub.body().contains("id=\"start-server\""), onHub.body());
    Answer api = get(host("fred"), "/user/fred/api/contents", "Cookie: " + cookie);
    assertEquals(424, api.status());
    assertTrue(new JsonObject(api.body()).getString("message").contains("is not running"), api.body());
  }

  @Test
  void theCertificateCoversTheHubAndEveryUserHost() throws Exception {
    X509Certificate x509;
    try (var in = Files.newInputStream(hub.gateway.tls().certPath())) {
      x509 = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
    }
    List<String> names = x509.getSubjectAlternativeNames().stream().map(n -> String.valueOf(n.get(1))).toList();
    assertTrue(names.containsAll(List.of("localhost", "*.localhost")), names.toString());
  }

  @Test
  void aHubHostOneLabelBelowTheUserDomainIsRefusedAtStart(@TempDir Path other) {
    RuntimeException refused = assertThrows(RuntimeException.class,
        () -> GatewayFixture.start(Configs.subdomains(other, List.of("alice"), "https://hub.enjoy.test", 0, "enjoy.test")).close());
    assertTrue(String.valueOf(refused.getMessage()).contains("one label below gateway.user_domain"), String.valueOf(refused));
  }
}
