package io.enjoy.gateway.auth;

import io.enjoy.gateway.http.ShownError;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * Claim checks on an ID token whose signature vertx-auth-oauth2 has verified against the issuer's
 * JWKS (it drops a token with a bad signature, {@code alg: none}, an HMAC over the public key or
 * an unknown {@code kid}; a dropped token arrives here as null). Everything else is checked here,
 * because the library lets some of it pass: {@code iss} equal to the configured issuer, {@code aud}
 * present and naming our client, {@code azp} required and ours when there are several audiences,
 * {@code exp} required, {@code nbf}, {@code iat} not in the future, {@code sub} present, and the
 * login's {@code nonce} (OIDC Core 3.1.3.7, T26).
 *
 * <p>The user name is the configured claim, verbatim. When that claim is the e-mail address, an
 * address the issuer has not verified ({@code email_verified} not true) is refused: otherwise
 * anyone who can type someone else's address into their IdP profile could become them (T22).
 */
public final class IdTokenChecks {
  static final long CLOCK_SKEW_SECONDS = 60;

  private final String issuer;
  private final String clientId;
  private final String usernameClaim;
  private final String groupsClaim;
  private final boolean devProvider;
  private final Clock clock;

  /**
   * @param devProvider the built-in development provider: it puts the typed name into {@code sub}
   *                    and adds other claims only when typed, so a missing username claim falls
   *                    back to {@code sub} there (never for a real issuer)
   */
  public IdTokenChecks(String issuer, String clientId, String usernameClaim, String groupsClaim, boolean devProvider, Clock clock) {
    this.issuer = issuer;
    this.clientId = clientId;
    this.usernameClaim = usernameClaim;
    this.groupsClaim = groupsClaim;
    this.devProvider = devProvider;
    this.clock = clock;
  }

  /** What a sound ID token says about the user. {@code idpSession} is its {@code sid}, or null. */
  public record Identity(String issuer, String subject, String username, List<String> groups, String idpSession) {}

  /** At the login callback: all checks, including the nonce this browser's login sent. */
  public Identity atLogin(JsonObject idToken, String expectedNonce) {
    checkCommon(idToken);
    String nonce = idToken.getString("nonce");
    if (nonce == null || !MessageDigest.isEqual(nonce.getBytes(StandardCharsets.UTF_8), expectedNonce.getBytes(StandardCharsets.UTF_8))) {
      throw new ShownError(401, "The identity provider's ID token does not belong to this login (nonce mismatch).");
    }
    return identity(idToken);
  }

  /**
   * After a refresh: the same checks except the nonce (OIDC Core 12.2), and the subject must be
   * the one that logged in.
   */
  public Identity atRefresh(JsonObject idToken, String expectedSubject) {
    checkCommon(idToken);
    if (!expectedSubject.equals(idToken.getString("sub"))) {
      throw new ShownError(401, "The identity provider's refreshed ID token names another account.");
    }
    return identity(idToken);
  }

  private void checkCommon(JsonObject idToken) {
    if (idToken == null) {
      throw new ShownError(401, "The identity provider's ID token was missing or invalid (signature, algorithm or key).");
    }
    if (!issuer.equals(idToken.getString("iss"))) {
      throw new ShownError(401, "The ID token was issued by " + idToken.getValue("iss") + ", not by the configured issuer (oidc.issuer).");
    }
    List<String> audiences = strings(idToken.getValue("aud"));
    if (!audiences.contains(clientId)) {
      throw new ShownError(401, "The ID token is not meant for this hub (aud does not name oidc.client_id).");
    }
    Object azp = idToken.getValue("azp");
    if ((audiences.size() > 1 || azp != null) && !clientId.equals(azp)) {
      throw new ShownError(401, "The ID token was issued to another client (azp).");
    }
    long now = clock.millis() / 1000;
    Long exp = number(idToken, "exp");
    if (exp == null || exp + CLOCK_SKEW_SECONDS < now) {
      throw new ShownError(401, "The identity provider's ID token has expired. Try again from the login page.");
    }
    Long nbf = number(idToken, "nbf");
    Long iat = number(idToken, "iat");
    if (nbf != null && nbf - CLOCK_SKEW_SECONDS > now || iat != null && iat - CLOCK_SKEW_SECONDS > now) {
      throw new ShownError(401, "The identity provider's ID token is not valid yet; check the clocks.");
    }
    Object sub = idToken.getValue("sub");
    if (!(sub instanceof String s) || s.isEmpty()) {
      throw new ShownError(401, "The ID token names no account (sub).");
    }
  }

  private Identity identity(JsonObject idToken) {
    Object name = idToken.getValue(usernameClaim);
    if (name == null && devProvider) {
      name = idToken.getValue("sub");
    }
    if (!(name instanceof String text) || text.isBlank()) {
      throw new ShownError(403, "The identity provider sent no user name (claim '" + usernameClaim + "').");
    }
    if (usernameClaim.equals("email") && !isTrue(idToken.getValue("email_verified"))) {
      throw new ShownError(403, "Your e-mail address " + text + " is not verified at the identity provider, and this hub"
          + " uses it as your user name. Verify it there, then log in again.");
    }
    return new Identity(idToken.getString("iss"), idToken.getString("sub"), text, strings(idToken.getValue(groupsClaim)),
        idToken.getString("sid"));
  }

  /** Booleans as JSON booleans; some issuers send the string "true". */
  private static boolean isTrue(Object value) {
    return Boolean.TRUE.equals(value) || "true".equals(value);
  }

  private static Long number(JsonObject token, String claim) {
    return token.getValue(claim) instanceof Number n ? n.longValue() : null;
  }

  /**
   * A claim that is a string or an array of strings, as a list; empty when absent. Group names
   * are used exactly: a Keycloak mapper with "Full group path" on would send {@code /physics-101},
   * which does not match {@code physics-101}.
   */
  static List<String> strings(Object value) {
    if (value instanceof String single) {
      return List.of(single);
    }
    List<String> out = new ArrayList<>();
    if (value instanceof JsonArray array) {
      for (Object item : array) {
        if (item instanceof String s) {
          out.add(s);
        }
      }
    }
    return List.copyOf(out);
  }
}
