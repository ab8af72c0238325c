package io.enjoy.gateway.security;

import static io.enjoy.gateway.GatewayFixture.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.enjoy.gateway.GatewayFixture;
import io.enjoy.gateway.security.RawHttp.Answer;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the hub says and logs when things go wrong (T9, T33) and how much it accepts (request size
 * limits), against a real gateway; the last test takes its database away to force real 500s.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ErrorsAndSecretsTest {
  @TempDir
  static Path dataDir;
  static GatewayFixture hub;
  static RawHttp https;
  static String aliceCookie;
  static String aliceApiToken;

  @BeforeAll
  static void start() {
    hub = GatewayFixture.start(dataDir, List.of("alice", "bob"));
    https = new RawHttp(hub.gateway.tls().certPath(), hub.gateway.httpsPort());
    aliceCookie = BrowserCookies.only(hub.loggedIn("alice"), "/hub/", "enjoy-session");
    aliceApiToken = await(hub.gateway.hub().tokens().issue("alice", "T09", null));
  }

  @AfterAll
  static void stop() {
    if (hub != null) {
      hub.close();
    }
  }

  /** T9 (a) and (c): a token in the URL authenticates nobody; every response keeps the Referer on this origin. */
  @Test
  @Order(1)
  void T09_tokensInUrlsAreIgnoredAndRefererStaysOnTheHub() {
    String bobCookie = BrowserCookies.only(hub.loggedIn("bob"), "/hub/", "enjoy-session");
    Answer asBob = https.get("/user/alice/tree?token=" + aliceApiToken, "Cookie: " + bobCookie);
    assertEquals(403, asBob.status(), "bob does not become alice through ?token=");
    assertEquals(List.of(), asBob.all("Set-Cookie"));
    Answer anonymous = https.get("/hub/api/user?token=" + aliceApiToken);
    assertEquals(403, anonymous.status(), "the API takes tokens from the Authorization header only");
    Answer header = https.get("/hub/api/user", "Authorization: token " + aliceApiToken);
    assertEquals(200, header.status(), "the control: the same token in the header works");

    for (Answer answer : List.of(asBob, anonymous, header, https.get("/"), https.get("/hub/login"), https.get("/hub/none"))) {
      assertEquals("same-origin", answer.header("Referrer-Policy"), answer.headers().toString());
    }
  }

  /** T33 (4xx side): malformed input gets a short JSON or page answer with a correlation id, no parser internals. */
  @Test
  @Order(2)
  void T33_badInputGetsAGenericAnswerWithACorrelationId() {
    Answer badJson = https.send("POST", "/hub/api/users/alice/activity",
        List.of("Authorization: token " + aliceApiToken, "Content-Type: application/json"), "{\"last_activity\": ");
    assertEquals(400, badJson.status(), badJson.body());
    assertNoInternals(badJson.body());
    Answer badPath = https.get("/user/%ZZ/tree", "Cookie: " + aliceCookie);
    assertTrue(badPath.status() == 400 || badPath.status() == 404, String.valueOf(badPath.status()));
    assertTrue(badPath.body().contains("correlation-id"), badPath.body());
    assertNoInternals(badPath.body());
  }

  /** T24: bodies, headers and URLs beyond the hub's bounds and JSON that is not UTF-8 get a 4xx, and the hub goes on. */
  @Test
  @Order(3)
  void T24_oversizedOrMalformedInputIsRefusedWithA4xx() {
    String bigForm = "X-XSRF-TOKEN=" + "a".repeat(100 * 1024);
    Answer form = https.send("POST", "/hub/server/start",
        List.of("Cookie: " + aliceCookie, "Content-Type: application/x-www-form-urlencoded"), bigForm);
    assertEquals(413, form.status());
    Answer api = https.send("POST", "/hub/api/users/alice/activity",
        List.of("Authorization: token " + aliceApiToken, "Content-Type: application/json"), "{\"x\":\"" + "a".repeat(300 * 1024) + "\"}");
    assertEquals(413, api.status());
    Answer header = https.get("/hub/login", "X-Padding: " + "a".repeat(20 * 1024));
    assertTrue(header.status() == 431 || header.status() == 400, String.valueOf(header.status()));
    Answer url = https.get("/hub/login?next=" + "a".repeat(10 * 1024));
    assertTrue(url.status() == 414 || url.status() == 400, String.valueOf(url.status()));
    byte[] notUtf8 = {'{', '"', 'l', 'a', 's', 't', '_', 'a', 'c', 't', 'i', 'v', 'i', 't', 'y', '"', ':', '"', (byte) 0xff, (byte) 0xfe, '"', '}'};
    String head = "POST /hub/api/users/alice/activity HTTP/1.1\r\nHost: localhost\r\nAuthorization: token " + aliceApiToken
        + "\r\nContent-Type: application/json\r\nContent-Length: " + notUtf8.length + "\r\nConnection: close\r\n\r\n";
    Answer invalid = https.exchange(head.getBytes(java.nio.charset.StandardCharsets.US_ASCII), notUtf8);
    assertEquals(4, invalid.status() / 100, invalid.status() + " " + invalid.body());
    assertEquals(200, https.get("/hub/login").status(), "the hub still answers");
  }

  /**
   * T9 (b) and T33 (5xx side): with the database gone, requests carrying secrets in every place
   * a client can put them fail with a generic answer and a correlation id, and not one log line
   * (message or stack trace) contains any of the secrets.
   */
  @Test
  @Order(100)
  void T09_T33_realServerErrorsLeakNoSecretsToLogsOrBodies() {
    String querySecret = "Q" + aliceApiToken.substring(1);
    String refererSecret = "R" + aliceApiToken.substring(1);
    List<String> lines = LogCapture.everything(() -> {
      await(hub.gateway.hub().close());
      List<Answer> answers = new ArrayList<>();
      List<String> secrets = List.of("Authorization: token " + aliceApiToken, "Cookie: " + aliceCookie,
          "Referer: https://localhost/?token=" + refererSecret);
      answers.add(https.send("GET", "/hub/api/user?token=" + querySecret, secrets, null));
      answers.add(https.send("GET", "/hub/api/users/alice", secrets.subList(0, 1), null));
      answers.add(https.send("GET", "/hub/home?token=" + querySecret, secrets.subList(1, 3), null));
      answers.add(https.send("GET", "/user/alice/tree?token=" + querySecret, secrets.subList(1, 3), null));
      for (Answer answer : answers) {
        assertEquals(5, answer.status() / 100, answer.status() + " " + answer.body());
        assertNoInternals(answer.body());
        assertTrue(answer.body().contains("correlation"), answer.body());
      }
      for (Answer api : answers.subList(0, 2)) {
        JsonObject json = new JsonObject(api.body());
        assertEquals(12, json.getString("correlation_id").length(), json.encode());
      }
    });
    assertFalse(lines.isEmpty(), "the failures were logged");
    String session = aliceCookie.substring(aliceCookie.indexOf('=') + 1);
    for (String line : lines) {
      for (String secret : List.of(aliceApiToken, querySecret, refererSecret, session)) {
        assertFalse(line.contains(secret), "a secret in the log: " + line);
      }
    }
  }

  private static void assertNoInternals(String body) {
    for (String internal : List.of("Exception", "\tat ", "at io.", "SELECT", "Source:", "/work/", "/tmp/", "Pool")) {
      assertFalse(body.contains(internal), "'" + internal + "' in " + body);
    }
  }
}
