package io.enjoy.gateway.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.enjoy.conf.EnjoyConfig;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClientSession;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The periodic re-check at the issuer (T21, T28) with a re-check interval of one second, against
 * {@link SigningIssuer}: each case drives what the issuer's token endpoint answers to the refresh.
 * (The same against Keycloak, with a real group removal, is in {@code KeycloakLoginTest}.)
 */
class SessionRecheckTest {
  private static final String CLIENT = "enjoy-hub";
  private static final Duration INTERVAL = Duration.ofSeconds(1);

  @TempDir
  static Path dataDir;
  private static SigningIssuer.Hub hub;

  @BeforeAll
  static void start() throws Exception {
    EnjoyConfig.Auth courseGroup = new EnjoyConfig.Auth(List.of(), List.of(), false, List.of("physics-101"), List.of("hub-admins"));
    hub = SigningIssuer.Hub.start(dataDir, courseGroup, CLIENT, INTERVAL);
  }

  @AfterAll
  static void stop() {
    if (hub != null) {
      hub.close();
    }
  }

  private static JsonObject member(String nonce, String user) {
    return hub.issuer().claims(CLIENT, nonce, user).put("groups", new JsonArray().add("physics-101"));
  }

  private static WebClientSession loggedIn(String user) {
    SigningIssuer.Login login = hub.issuer().logIn(hub.client(), hub.gateway().publicUrl(), nonce -> hub.issuer().sign(member(nonce, user)));
    assertEquals(302, login.callback().statusCode(), login.callback().bodyAsString());
    return login.browser();
  }

  private static HttpResponse<Buffer> home(WebClientSession browser) {
    return SigningIssuer.await(browser.getAbs(hub.gateway().publicUrl() + "/hub/home").send());
  }

  private static void pastTheInterval() throws InterruptedException {
    Thread.sleep(INTERVAL.toMillis() + 300);
  }

  @Test
  void T28_memberStaysLoggedInAndTheStoredRefreshTokenIsTheOneUsed() throws Exception {
    WebClientSession browser = loggedIn("alice");
    String stored = hub.issuer().tokenResponse.getString("refresh_token");
    hub.issuer().tokenResponse = SigningIssuer.tokens(hub.issuer().sign(member(null, "alice")), "rotated-refresh-token");
    int before = hub.issuer().tokenRequests.size();
    pastTheInterval();

    assertEquals(200, home(browser).statusCode());

    JsonObject refresh = hub.issuer().tokenRequests.get(before);
    assertEquals("refresh_token", refresh.getString("grant_type"));
    assertEquals(stored, refresh.getString("refresh_token"), "the refresh token kept (encrypted) at login was sent");
    pastTheInterval();
    assertEquals(200, home(browser).statusCode());
    assertEquals("rotated-refresh-token", hub.issuer().tokenRequests.get(hub.issuer().tokenRequests.size() - 1).getString("refresh_token"),
        "a rotated refresh token replaces the stored one");
  }

  @Test
  void T28_refreshRefusedByTheIssuerEndsTheSession() throws Exception {
    WebClientSession browser = loggedIn("bob");
    hub.issuer().tokenStatus = 400;
    pastTheInterval();

    HttpResponse<Buffer> response = home(browser);

    assertEquals(302, response.statusCode());
    assertTrue(response.getHeader("Location").startsWith("/hub/login"), response.getHeader("Location"));
    hub.issuer().tokenStatus = 200;
    assertEquals(302, home(browser).statusCode(), "a later good answer does not revive the session");
  }

  @Test
  void T21_removedFromTheCourseGroupSeesWhyAndEveryOtherSessionEndsToo() throws Exception {
    WebClientSession laptop = loggedIn("carol");
    WebClientSession phone = loggedIn("carol");
    hub.issuer().tokenResponse = SigningIssuer.tokens(hub.issuer().sign(hub.issuer().claims(CLIENT, null, "carol").put("groups", new JsonArray())), "r");
    pastTheInterval();

    HttpResponse<Buffer> refused = home(laptop);

    assertEquals(403, refused.statusCode());
    assertTrue(refused.bodyAsString().contains("Your access to this hub has ended"), refused.bodyAsString());
    HttpResponse<Buffer> api = SigningIssuer.await(phone.getAbs(hub.gateway().publicUrl() + "/hub/api/user").send());
    assertEquals(403, api.statusCode(), "the other device's session ended too, without its own re-check");
  }

  private static boolean adminForTheApi(WebClientSession browser) {
    HttpResponse<Buffer> me = SigningIssuer.await(browser.getAbs(hub.gateway().publicUrl() + "/hub/api/user").send());
    assertEquals(200, me.statusCode(), me.bodyAsString());
    return me.bodyAsJsonObject().getBoolean("admin");
  }

  @Test
  void leavingTheAdminGroupEndsTheConfiguredAdminAtTheNextCheckButAnAdministratorsGrantStays() throws Exception {
    SigningIssuer.Login login = hub.issuer().logIn(hub.client(), hub.gateway().publicUrl(),
        nonce -> hub.issuer().sign(member(nonce, "erika").put("groups", new JsonArray().add("physics-101").add("hub-admins"))));
    assertEquals(302, login.callback().statusCode(), login.callback().bodyAsString());
    WebClientSession erika = login.browser();
    assertTrue(adminForTheApi(erika));

    hub.issuer().tokenResponse = SigningIssuer.tokens(hub.issuer().sign(member(null, "erika")), "r1");
    pastTheInterval();
    assertFalse(adminForTheApi(erika), "no longer in hub-admins at the issuer");

    SigningIssuer.await(hub.gateway().hub().directory().setAdmin("erika", true));
    hub.issuer().tokenResponse = SigningIssuer.tokens(hub.issuer().sign(member(null, "erika")), "r2");
    pastTheInterval();
    assertTrue(adminForTheApi(erika), "granted by an administrator: the re-check keeps it");
  }

  @Test
  void T26_refreshedTokenForAnotherAccountEndsTheSession() throws Exception {
    WebClientSession browser = loggedIn("dave");
    hub.issuer().tokenResponse = SigningIssuer.tokens(hub.issuer().sign(member(null, "mallory")), "r");
    pastTheInterval();

    assertEquals(302, home(browser).statusCode());
  }
}
