package io.enjoy.gateway.security;

import static io.enjoy.gateway.GatewayFixture.await;
import static io.enjoy.gateway.GatewayFixture.expectStatus;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.enjoy.conf.EnjoyConfig;
import io.enjoy.conf.bus.ServerKey;
import io.enjoy.gateway.GatewayFixture;
import io.enjoy.gateway.security.RawHttp.Answer;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClientSession;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Threat-table rows about the hub's own pages, API and listeners (security-anchors.md §2),
 * against a real gateway (embedded PostgreSQL, the development OIDC provider, HTTPS and the
 * plain-HTTP redirect listener), with requests written byte for byte where a browser or client
 * library would tidy them up.
 */
class HubHardeningTest {
  @TempDir
  static Path dataDir;
  static GatewayFixture hub;
  static RawHttp https;

  @BeforeAll
  static void start() {
    hub = GatewayFixture.start(Configs.gateway(dataDir, List.of("alice", "bob"), 0, EnjoyConfig.Gateway.DEFAULT_UPSTREAM_TIMEOUT));
    https = new RawHttp(hub.gateway.tls().certPath(), hub.gateway.httpsPort());
  }

  @AfterAll
  static void stop() {
    if (hub != null) {
      hub.close();
    }
  }

  /** T2 (a)–(e): every way of sending a cookie-authenticated change without a proof of origin is refused. */
  @Test
  void T02_stateChangesWithTheCookieButWithoutAValidXsrfProofAreRefused() {
    WebClientSession alice = hub.loggedIn("alice");
    String aliceToken = GatewayFixture.xsrfToken(hub.get(alice, "/hub/home").bodyAsString());
    String cookies = BrowserCookies.header(alice, "/hub/");
    WebClientSession bob = hub.loggedIn("bob");
    String bobsToken = GatewayFixture.xsrfToken(hub.get(bob, "/hub/home").bodyAsString());

    List<String> refused = new ArrayList<>();
    for (String[] target : new String[][] {
        {"POST", "/hub/server/start", "application/x-www-form-urlencoded"},
        {"POST", "/hub/api/users/alice/server", "application/json"},
        {"DELETE", "/hub/api/users/alice/server", "application/json"}}) {
      String method = target[0];
      String path = target[1];
      boolean form = target[2].startsWith("application/x-www");
      List<List<String>> variants = List.of(
          List.of(),                                                      // (a) no token
          List.of("X-XSRF-TOKEN: " + bobsToken),                          // (b) bob's token
          List.of("X-XSRF-TOKEN: 2|1f2e3d4c|0123456789abcdef|1700000000"), // (c) legacy-looking token
          List.of("X-XSRF-TOKEN: " + aliceToken, "Sec-Fetch-Site: cross-site", "Sec-Fetch-Mode: no-cors",
              "Sec-Fetch-Dest: empty"),                                   // (d) cross-site no-cors
          List.of("Content-Type: text/plain"));                           // (e) a "simple" cross-site body
      for (List<String> variant : variants) {
        List<String> headers = new ArrayList<>(variant);
        headers.add("Cookie: " + cookies);
        if (headers.stream().noneMatch(h -> h.startsWith("Content-Type"))) {
          headers.add("Content-Type: " + target[2]);
        }
        String body = form ? "" : "{}";
        Answer answer = https.send(method, path, headers, body);
        if (answer.status() != 403) {
          refused.add(method + " " + path + " " + variant + " → " + answer.status());
        }
      }
    }
    assertEquals(List.of(), refused, "each of these must be 403");
    assertTrue(await(hub.gateway.hub().servers().status(ServerKey.defaultServer("alice"))).stopped(), "nothing started");

    // a cross-site <img src="/hub/logout"> does not log alice out either (refused here; and the GET only asks anyway)
    Answer img = https.get("/hub/logout", "Cookie: " + cookies, "Sec-Fetch-Site: cross-site", "Sec-Fetch-Mode: no-cors",
        "Sec-Fetch-Dest: image");
    assertEquals(403, img.status());
    expectStatus(hub.get(alice, "/hub/home"), 200);

    // the control: the same change with alice's own token from the same origin is accepted
    Answer ok = https.send("DELETE", "/hub/api/users/alice/server",
        List.of("Cookie: " + cookies, "X-XSRF-TOKEN: " + aliceToken, "Sec-Fetch-Site: same-origin", "Sec-Fetch-Mode: cors"), null);
    assertEquals(2, ok.status() / 100, ok.toString());
  }

  /** T4: every cookie the hub sets is Secure, HttpOnly and SameSite=Lax or stricter, scoped by path. */
  @Test
  void T04_everyHubCookieIsSecureHttpOnlyAndSameSite() {
    WebClientSession browser = hub.browser();
    List<String> setCookies = new ArrayList<>(hub.login(browser, "alice", null).cookies());
    setCookies.addAll(hub.get(browser, "/hub/home").cookies());
    assertTrue(setCookies.stream().anyMatch(c -> c.startsWith("enjoy-session=")), String.valueOf(setCookies));
    assertTrue(setCookies.stream().anyMatch(c -> c.startsWith("enjoy-xsrf=")), String.valueOf(setCookies));
    for (String cookie : setCookies) {
      String lower = cookie.toLowerCase();
      assertTrue(lower.contains("; secure"), cookie);
      assertTrue(lower.contains("; httponly"), cookie);
      assertTrue(lower.contains("; samesite=lax") || lower.contains("; samesite=strict"), cookie);
      assertFalse(lower.contains("domain="), "host-only, never a parent domain: " + cookie);
    }
    assertTrue(setCookies.stream().filter(c -> c.startsWith("enjoy-xsrf=")).allMatch(c -> c.contains("Path=/hub/")),
        "the XSRF cookie never goes to /user/: " + setCookies);
  }

  /**
   * H-19 with the opened-cookie cache ({@code SessionCookieStore}): a cookie that every listener has
   * already opened and cached is still refused, on every listener, once its user logged out.
   */
  @Test
  void H19_aSessionCookieCachedOnEveryListenerIsRefusedAfterLogout() {
    WebClientSession tab = hub.loggedIn("alice");
    String cookies = BrowserCookies.header(tab, "/hub/");
    // one connection per request: new connections go to the listeners in turn, so each opens (and caches) the cookie
    for (int i = 0; i < 8; i++) {
      assertEquals(200, https.get("/hub/api/user", "Cookie: " + cookies).status(), "before logout, request " + i);
    }
    expectStatus(hub.logOut(tab), 200); // the confirmation page's POST; 200: the page that moves on to the issuer's logout
    for (int i = 0; i < 8; i++) {
      Answer replay = https.get("/hub/api/user", "Cookie: " + cookies);
      assertEquals(403, replay.status(), "the replayed cookie after logout, request " + i + ": " + replay.body());
    }
  }

  /** T6: hub pages, redirects, API answers and error pages all forbid framing. */
  @Test
  void T06_noHubResponseMayBeFramed() {
    String cookies = BrowserCookies.header(hub.loggedIn("alice"), "/hub/");
    for (String path : List.of("/hub/login", "/hub/home", "/hub/spawn-pending", "/hub/api/user", "/hub/nothing", "/",
        "/hub/oauth_login")) {
      Answer answer = https.get(path, "Cookie: " + cookies);
      assertTrue(answer.all("Content-Security-Policy").stream().anyMatch(csp -> csp.contains("frame-ancestors 'none'")),
          path + " " + answer.headers());
      assertEquals("DENY", answer.header("X-Frame-Options"), path);
    }
  }

  /** T7: hostile text in names, next URLs and messages reaches pages only as escaped text, under a strict CSP. */
  @Test
  void T07_markupInNamesAndNextUrlsIsShownAsTextUnderAStrictCsp() {
    String payload = "'\"><img src=x onerror=alert(1)>";
    HttpResponse<Buffer> refused = hub.login(hub.browser(), payload, null);
    expectStatus(refused, 403);
    String html = refused.bodyAsString();
    assertTrue(html.contains("&lt;img src=x onerror=alert(1)&gt;"), html);
    assertFalse(html.contains("<img src=x"), html);

    String login = hub.get(hub.browser(), "/hub/login?next=" + java.net.URLEncoder.encode("/hub/home?" + payload,
        java.nio.charset.StandardCharsets.UTF_8)).bodyAsString();
    assertFalse(login.contains("<img src=x"), login);
    assertFalse(hub.get(hub.browser(), "/hub/login?next=javascript:alert(1)").bodyAsString().contains("javascript:"));

    String csp = hub.get(hub.browser(), "/hub/login").getHeader("Content-Security-Policy");
    for (String directive : List.of("script-src 'self'", "object-src 'none'", "base-uri 'none'")) {
      assertTrue(csp.contains(directive), csp);
    }
    assertFalse(csp.contains("unsafe-inline"), csp);
  }

  /** T40: server start/stop requests and every refusal leave one structured audit line with actor, target and outcome. */
  @Test
  void T40_serverActionsAndRefusalsAreAudited() {
    WebClientSession bob = hub.loggedIn("bob");
    String token = GatewayFixture.xsrfToken(hub.get(bob, "/hub/home").bodyAsString());
    String cookies = BrowserCookies.header(bob, "/hub/");
    List<JsonObject> events = LogCapture.audit(() -> {
      expectStatus(hub.postForm(bob, "/hub/server/stop", io.vertx.core.MultiMap.caseInsensitiveMultiMap().add("X-XSRF-TOKEN", token)), 303);
      expectStatus(hub.get(bob, "/user/alice/tree"), 403);
      https.send("POST", "/hub/server/start", List.of("Cookie: " + cookies, "Content-Type: application/x-www-form-urlencoded"), "");
      https.get("/hub/home", "Cookie: " + cookies, "Sec-Fetch-Site: cross-site", "Sec-Fetch-Mode: no-cors", "Sec-Fetch-Dest: script");
    });
    assertTrue(events.stream().anyMatch(e -> e.getString("action").equals("server.stop") && "bob".equals(e.getString("actor"))
        && "/user/bob/".equals(e.getString("target"))), events.toString());
    for (String target : List.of("/user/alice/tree", "/hub/server/start", "/hub/home")) {
      assertTrue(events.stream().anyMatch(e -> e.getString("action").equals("refused") && "bob".equals(e.getString("actor"))
          && target.equals(e.getString("target")) && e.getString("outcome").startsWith("403")), target + " " + events);
    }
  }

  /** T38: plain HTTP only redirects; every HTTPS response carries HSTS for a year. */
  @Test
  void T38_plainHttpOnlyRedirectsToHttpsAndEveryResponseHasHsts() {
    int plainPort = hub.gateway.httpRedirectPort();
    assertTrue(plainPort > 0, "the redirect listener runs");
    RawHttp plain = new RawHttp(null, plainPort);
    String cookies = BrowserCookies.header(hub.loggedIn("alice"), "/hub/");
    Answer redirect = plain.get("/hub/home?tab=2", "Cookie: " + cookies);
    assertEquals(301, redirect.status());
    assertEquals("https://localhost:" + hub.gateway.httpsPort() + "/hub/home?tab=2", redirect.header("Location"));
    assertEquals(List.of(), redirect.all("Set-Cookie"), "nothing of a session over plain HTTP");
    assertFalse(redirect.body().contains("alice"));
    Answer post = plain.send("POST", "/hub/server/start", List.of("Cookie: " + cookies), "X-XSRF-TOKEN=x");
    assertEquals(301, post.status(), "no state change over plain HTTP");
    Answer schemeRelative = plain.get("//evil.example/x");
    assertEquals("https://localhost:" + hub.gateway.httpsPort() + "/", schemeRelative.header("Location"));

    for (String path : List.of("/hub/login", "/", "/hub/api/user", "/hub/nothing", "/hub/static/hub.css", "/user/alice/")) {
      Answer answer = https.get(path, "Cookie: " + cookies);
      String hsts = answer.header("Strict-Transport-Security");
      assertNotNull(hsts, path + " " + answer.headers());
      long maxAge = Long.parseLong(hsts.replaceAll(".*max-age=(\\d+).*", "$1"));
      assertTrue(maxAge >= 31_536_000, path + ": " + hsts);
    }
  }
}
