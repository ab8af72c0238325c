package io.enjoy.gateway.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.enjoy.conf.EnjoyConfig;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClientSession;
import io.vertx.sqlclient.Row;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The gateway against an issuer that signs with a test key published at a real JWKS endpoint
 * ({@link SigningIssuer}): every ID token a provider could send wrongly is refused at the
 * callback (T26), every malformed or forged back-channel logout token is refused with 400 and a
 * valid one ends exactly the hub session it names (T29), and the issuer's tokens are not stored
 * in plain text (T28). Each case has a control that succeeds through the same path.
 */
class IssuerTokensTest {
  private static final String CLIENT = "enjoy-hub";

  @TempDir
  static Path dataDir;
  private static SigningIssuer.Hub hub;

  @BeforeAll
  static void start() throws Exception {
    hub = SigningIssuer.Hub.start(dataDir, new EnjoyConfig.Auth(List.of("alice", "bob"), List.of(), false), CLIENT,
        Duration.ofMinutes(5));
  }

  @AfterAll
  static void stop() {
    if (hub != null) {
      hub.close();
    }
  }

  private static JsonObject claims(String nonce, String user) {
    return hub.issuer().claims(CLIENT, nonce, user);
  }

  private static SigningIssuer.Login logIn(Function<String, String> idToken) {
    return hub.issuer().logIn(hub.client(), hub.gateway().publicUrl(), idToken);
  }

  private static int callbackStatus(Function<String, String> idToken) {
    return logIn(idToken).callback().statusCode();
  }

  private static int homeStatus(WebClientSession browser) {
    return SigningIssuer.await(browser.getAbs(hub.gateway().publicUrl() + "/hub/home").send()).statusCode();
  }

  @Test
  void T26_soundTokenLogsIn_controlForTheRefusalsBelow() {
    SigningIssuer.Login login = logIn(nonce -> hub.issuer().sign(claims(nonce, "alice")));
    assertEquals(302, login.callback().statusCode(), login.callback().bodyAsString());
    assertEquals("/hub/home", login.callback().getHeader("Location"));
    assertEquals(200, homeStatus(login.browser()));
  }

  @Test
  void T26_signatureByAKeyTheIssuerDoesNotPublishIsRefused() {
    JsonObject header = new JsonObject().put("alg", "RS256").put("typ", "JWT").put("kid", SigningIssuer.KID);
    assertEquals(401, callbackStatus(nonce -> hub.issuer().signRsa(header, claims(nonce, "alice"), hub.issuer().foreignKey)));
  }

  @Test
  void T26_unknownKeyIdIsRefused() {
    JsonObject header = new JsonObject().put("alg", "RS256").put("typ", "JWT").put("kid", "not-published");
    assertEquals(401, callbackStatus(nonce -> hub.issuer().signRsa(header, claims(nonce, "alice"), hub.issuer().foreignKey)));
  }

  @Test
  void T26_unsignedAlgNoneTokenIsRefused() {
    assertEquals(401, callbackStatus(nonce -> hub.issuer().unsigned(claims(nonce, "alice"))));
  }

  @Test
  void T26_hmacSignedWithThePublicKeyIsRefused() {
    assertEquals(401, callbackStatus(nonce -> hub.issuer().hmacWithPublicKey(claims(nonce, "alice"))));
  }

  @Test
  void T26_wrongIssuerAudienceAuthorisedPartyExpiryOrNonceIsRefused() {
    long now = System.currentTimeMillis() / 1000;
    Map<String, Function<String, JsonObject>> wrong = new HashMap<>();
    wrong.put("iss", n -> claims(n, "alice").put("iss", "http://evil.example"));
    wrong.put("aud", n -> claims(n, "alice").put("aud", "another-client"));
    wrong.put("aud missing", n -> {
      JsonObject c = claims(n, "alice");
      c.remove("aud");
      return c;
    });
    wrong.put("several aud, no azp", n -> claims(n, "alice").put("aud", new JsonArray().add(CLIENT).add("other")));
    wrong.put("azp", n -> claims(n, "alice").put("azp", "other"));
    wrong.put("exp", n -> claims(n, "alice").put("exp", now - 600));
    wrong.put("nbf", n -> claims(n, "alice").put("nbf", now + 600));
    wrong.put("nonce", n -> claims("another-login", "alice"));
    wrong.forEach((what, token) -> assertEquals(401, callbackStatus(nonce -> hub.issuer().sign(token.apply(nonce))), what));
  }

  @Test
  void T26_idTokenReplayedIntoAnotherLoginIsRefused() {
    String[] first = new String[1];
    assertEquals(302, callbackStatus(nonce -> first[0] = hub.issuer().sign(claims(nonce, "alice"))));
    assertEquals(401, callbackStatus(nonce -> first[0]));
  }

  @Test
  void T26_discoveryDocumentStatingAnotherIssuerFailsTheStartNamingTheSetting() {
    hub.issuer().statedIssuer = hub.issuer().issuer() + "/";
    try {
      EnjoyConfig.Oidc oidc = new EnjoyConfig.Oidc(hub.issuer().issuer(), CLIENT, "s", "preferred_username", List.of("openid"),
          new EnjoyConfig.DevProvider(false, "127.0.0.1", 0));
      Throwable failure = OidcProvider.discover(hub.vertx(), oidc, hub.issuer().issuer()).toCompletionStage().toCompletableFuture()
          .handle((ok, err) -> err).join();
      assertTrue(failure != null && failure.getMessage().contains("oidc.issuer"), String.valueOf(failure));
    } finally {
      hub.issuer().statedIssuer = null;
    }
  }

  @Test
  void T28_issuerTokensAreStoredEncrypted() {
    SigningIssuer.Login login = logIn(nonce -> hub.issuer().sign(claims(nonce, "alice")));
    assertEquals(302, login.callback().statusCode());
    String refresh = hub.issuer().tokenResponse.getString("refresh_token");
    List<Row> rows = SigningIssuer.await(hub.gateway().hub().pool().query("SELECT refresh_token, id_token FROM login_sessions").execute()).stream().toList();
    assertFalse(rows.isEmpty());
    for (Row row : rows) {
      for (String column : List.of("refresh_token", "id_token")) {
        Buffer stored = row.getBuffer(column);
        if (stored != null) {
          String text = new String(stored.getBytes(), StandardCharsets.ISO_8859_1);
          assertFalse(text.contains(refresh) || text.contains("eyJ"), column + " is stored in plain text");
        }
      }
    }
  }

  // ---- back-channel logout (OIDC Back-Channel Logout 1.0) ----

  private static JsonObject logoutClaims(String user) {
    long now = System.currentTimeMillis() / 1000;
    return new JsonObject().put("iss", hub.issuer().issuer()).put("aud", CLIENT).put("sub", "sub-" + user).put("sid", "idp-session-" + user)
        .put("iat", now).put("exp", now + 120).put("jti", "j-" + System.nanoTime())
        .put("events", new JsonObject().put(LogoutTokenVerifier.EVENT, new JsonObject()));
  }

  private static String logoutToken(JsonObject claims) {
    return hub.issuer().signRsa(new JsonObject().put("alg", "RS256").put("typ", "logout+jwt").put("kid", SigningIssuer.KID), claims,
        hub.issuer().publishedKey());
  }

  private static HttpResponse<Buffer> postLogout(String token) {
    return SigningIssuer.await(hub.client().postAbs(hub.gateway().publicUrl() + OidcLogout.BACKCHANNEL_PATH)
        .sendForm(MultiMap.caseInsensitiveMultiMap().add("logout_token", token)));
  }

  @Test
  void T29_forgedOrMalformedLogoutTokensAreRefusedAndEndNothing() {
    SigningIssuer.Login bob = logIn(nonce -> hub.issuer().sign(claims(nonce, "bob")));
    assertEquals(302, bob.callback().statusCode());
    long now = System.currentTimeMillis() / 1000;
    Map<String, String> bad = new HashMap<>();
    JsonObject noEvents = logoutClaims("bob");
    noEvents.remove("events");
    bad.put("no events", logoutToken(noEvents));
    bad.put("nonce", logoutToken(logoutClaims("bob").put("nonce", "n")));
    bad.put("typ", hub.issuer().signRsa(new JsonObject().put("alg", "RS256").put("typ", "at+jwt").put("kid", SigningIssuer.KID),
        logoutClaims("bob"), hub.issuer().publishedKey()));
    bad.put("aud", logoutToken(logoutClaims("bob").put("aud", "another-client")));
    bad.put("iss", logoutToken(logoutClaims("bob").put("iss", "http://evil.example")));
    bad.put("old iat", logoutToken(logoutClaims("bob").put("iat", now - 3600)));
    JsonObject nobody = logoutClaims("bob");
    nobody.remove("sub");
    nobody.remove("sid");
    bad.put("neither sub nor sid", logoutToken(nobody));
    bad.put("unsigned", hub.issuer().unsigned(logoutClaims("bob")));
    bad.put("foreign key", hub.issuer().signRsa(new JsonObject().put("alg", "RS256").put("kid", SigningIssuer.KID), logoutClaims("bob"),
        hub.issuer().foreignKey));
    bad.put("hmac with public key", hub.issuer().hmacWithPublicKey(logoutClaims("bob")));
    bad.put("an ID token", hub.issuer().sign(claims("some-nonce", "bob")));
    bad.put("missing", "");
    bad.forEach((what, token) -> {
      HttpResponse<Buffer> response = postLogout(token);
      assertEquals(400, response.statusCode(), what + ": " + response.bodyAsString());
      assertEquals("invalid_request", response.bodyAsJsonObject().getString("error"), what);
    });
    assertEquals(200, homeStatus(bob.browser()), "bob is still logged in after the refused logout tokens");
  }

  @Test
  void T29_validLogoutTokenWithSidEndsExactlyThatHubSession() {
    SigningIssuer.Login alice = logIn(nonce -> hub.issuer().sign(claims(nonce, "alice").put("sid", "kept-session")));
    SigningIssuer.Login aliceElsewhere = logIn(nonce -> hub.issuer().sign(claims(nonce, "alice").put("sid", "ended-session")));
    assertEquals(200, homeStatus(alice.browser()));
    assertEquals(200, homeStatus(aliceElsewhere.browser()));

    HttpResponse<Buffer> response = postLogout(logoutToken(logoutClaims("alice").put("sid", "ended-session")));

    assertEquals(200, response.statusCode(), response.bodyAsString());
    assertEquals(302, homeStatus(aliceElsewhere.browser()), "the named session is over: sent to the login page");
    assertEquals(200, homeStatus(alice.browser()), "alice's other session is untouched");
  }

}
