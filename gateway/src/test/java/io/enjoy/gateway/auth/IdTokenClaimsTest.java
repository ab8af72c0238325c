package io.enjoy.gateway.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.enjoy.gateway.http.ShownError;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The claim checks on a signature-verified ID token (T22, T26): iss, aud, azp, exp, nbf, iat, sub,
 * nonce, the username claim and email_verified. Signature, algorithm and key problems are proven
 * end to end against a real JWKS endpoint in {@link IdTokenRejectionTest}.
 */
class IdTokenClaimsTest {
  private static final String ISSUER = "https://idp.example/realms/course";
  private static final String NONCE = "expected-nonce";

  private static IdTokenChecks checks(String usernameClaim, boolean devProvider) {
    return new IdTokenChecks(ISSUER, "enjoy", usernameClaim, "groups", devProvider, Clock.systemUTC());
  }

  private static IdTokenChecks checks() {
    return checks("preferred_username", false);
  }

  private static JsonObject token() {
    long now = System.currentTimeMillis() / 1000;
    return new JsonObject().put("iss", ISSUER).put("aud", "enjoy").put("sub", "s-123").put("preferred_username", "Alice")
        .put("exp", now + 300).put("iat", now).put("nonce", NONCE).put("sid", "idp-session-1")
        .put("groups", new JsonArray().add("physics-101"));
  }

  private static ShownError refusal(IdTokenChecks checks, JsonObject idToken) {
    return assertThrows(ShownError.class, () -> checks.atLogin(idToken, NONCE));
  }

  @Test
  void soundTokenYieldsIssuerSubjectTheConfiguredClaimVerbatimGroupsAndSid() {
    IdTokenChecks.Identity identity = checks().atLogin(token(), NONCE);
    assertEquals(new IdTokenChecks.Identity(ISSUER, "s-123", "Alice", List.of("physics-101"), "idp-session-1"), identity);
  }

  @Test
  void T26_missingOrDroppedIdTokenIsRefused() {
    assertEquals(401, refusal(checks(), null).status());
  }

  @Test
  void T26_expiredNotYetValidFutureIssuedOrForeignNonceTokensAreRefused() {
    long now = System.currentTimeMillis() / 1000;
    assertEquals(401, refusal(checks(), token().put("exp", now - 3600)).status());
    assertEquals(401, refusal(checks(), withoutClaim("exp")).status());
    assertEquals(401, refusal(checks(), token().put("nbf", now + 3600)).status());
    assertEquals(401, refusal(checks(), token().put("iat", now + 3600)).status());
    assertEquals(401, refusal(checks(), token().put("nonce", "another-login")).status());
    assertEquals(401, refusal(checks(), withoutClaim("nonce")).status());
  }

  @Test
  void T26_wrongIssuerAudienceOrAuthorisedPartyIsRefused() {
    assertTrue(refusal(checks(), token().put("iss", ISSUER + "/")).getMessage().contains("oidc.issuer"));
    assertEquals(401, refusal(checks(), token().put("iss", "https://evil.example/realms/course")).status());
    assertEquals(401, refusal(checks(), withoutClaim("aud")).status());
    assertEquals(401, refusal(checks(), token().put("aud", "another-client")).status());
    assertEquals(401, refusal(checks(), token().put("aud", new JsonArray().add("enjoy").add("other"))).status(),
        "several audiences without azp");
    assertEquals(401, refusal(checks(), token().put("aud", new JsonArray().add("enjoy").add("other")).put("azp", "other")).status());
    assertEquals(401, refusal(checks(), token().put("azp", "other")).status());
    assertEquals("Alice", checks().atLogin(token().put("aud", new JsonArray().add("enjoy").add("other")).put("azp", "enjoy"), NONCE).username());
  }

  @Test
  void tokenWithoutSubjectIsRefused() {
    assertEquals(401, refusal(checks(), withoutClaim("sub")).status());
  }

  @Test
  void refreshedTokenMustNameTheSameSubjectButNeedsNoNonce() {
    JsonObject refreshed = withoutClaim("nonce");
    assertEquals("Alice", checks().atRefresh(refreshed, "s-123").username());
    assertEquals(401, assertThrows(ShownError.class, () -> checks().atRefresh(refreshed, "s-999")).status());
  }

  @Test
  void missingUsernameClaimFallsBackToSubOnlyForTheDevelopmentProvider() {
    JsonObject withoutName = withoutClaim("preferred_username");
    assertEquals(403, refusal(checks(), withoutName).status());
    assertEquals("s-123", checks("preferred_username", true).atLogin(withoutName, NONCE).username());
  }

  @Test
  void T22_unverifiedEmailIsRefusedWhenItIsTheUserName() {
    IdTokenChecks byEmail = checks("email", false);
    JsonObject unverified = token().put("email", "prof@uni.example").put("email_verified", false);
    ShownError refused = refusal(byEmail, unverified);
    assertEquals(403, refused.status());
    assertTrue(refused.getMessage().contains("not verified"), refused.getMessage());
    assertEquals(403, refusal(byEmail, token().put("email", "prof@uni.example")).status(), "email_verified absent");
    assertEquals("prof@uni.example", byEmail.atLogin(token().put("email", "prof@uni.example").put("email_verified", true), NONCE).username());
    assertEquals("Alice", checks().atLogin(token().put("email", "x@uni.example").put("email_verified", false), NONCE).username(),
        "an unverified e-mail does not matter when the name comes from another claim");
  }

  private static JsonObject withoutClaim(String claim) {
    JsonObject t = token();
    t.remove(claim);
    return t;
  }
}
