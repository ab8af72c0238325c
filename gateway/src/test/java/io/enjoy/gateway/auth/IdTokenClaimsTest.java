package io.enjoy.gateway.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.enjoy.conf.EnjoyConfig;
import io.enjoy.gateway.http.ShownError;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.User;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The checks OidcLogin adds on top of vertx-auth-oauth2's (which verifies signature, iss and aud
 * and drops an ID token that fails them): presence, exp, nbf, nonce, and the username claim.
 */
class IdTokenClaimsTest {
  private static final String NONCE = "expected-nonce";

  private static OidcLogin login(boolean devProvider) {
    EnjoyConfig.Oidc oidc = new EnjoyConfig.Oidc("https://idp.example", "enjoy", "", "preferred_username",
        List.of("openid"), new EnjoyConfig.DevProvider(false, "127.0.0.1", 0));
    return new OidcLogin(null, oidc, () -> "https://hub.example/hub/oauth_callback", null, null, devProvider);
  }

  private static User userWith(JsonObject idToken) {
    return User.create(new JsonObject(), idToken == null ? new JsonObject() : new JsonObject().put("idToken", idToken));
  }

  private static JsonObject token() {
    long now = System.currentTimeMillis() / 1000;
    return new JsonObject().put("sub", "s-123").put("preferred_username", "Alice").put("exp", now + 300)
        .put("iat", now).put("nonce", NONCE);
  }

  private static int refusal(OidcLogin login, JsonObject idToken) {
    return assertThrows(ShownError.class, () -> login.userNameFrom(userWith(idToken), NONCE)).status();
  }

  @Test
  void soundTokenYieldsTheConfiguredClaimVerbatim() {
    assertEquals("Alice", login(false).userNameFrom(userWith(token()), NONCE));
  }

  @Test
  void missingOrDroppedIdTokenIsRefused() {
    assertEquals(401, refusal(login(false), null));
  }

  @Test
  void expiredNotYetValidOrForeignNonceTokensAreRefused() {
    long now = System.currentTimeMillis() / 1000;
    assertEquals(401, refusal(login(false), token().put("exp", now - 3600)));
    assertEquals(401, refusal(login(false), token().put("nbf", now + 3600)));
    assertEquals(401, refusal(login(false), token().put("nonce", "another-login")));
    JsonObject noNonce = token();
    noNonce.remove("nonce");
    assertEquals(401, refusal(login(false), noNonce));
  }

  @Test
  void missingUsernameClaimFallsBackToSubOnlyForTheDevelopmentProvider() {
    JsonObject withoutName = token();
    withoutName.remove("preferred_username");
    assertEquals(403, refusal(login(false), withoutName));
    assertEquals("s-123", login(true).userNameFrom(userWith(withoutName), NONCE));
  }
}
