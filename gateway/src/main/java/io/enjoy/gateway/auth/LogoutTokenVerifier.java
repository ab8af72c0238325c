package io.enjoy.gateway.auth;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.impl.jose.JWK;
import io.vertx.ext.auth.impl.jose.JWT;
import io.vertx.ext.web.client.WebClient;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * Verifies an OIDC Back-Channel Logout 1.0 {@code logout_token} (section 2.6; ASVS 10.5.5, T29):
 * signature against the issuer's JWKS (asymmetric algorithms only; keys fetched again once when a
 * token names an unknown {@code kid}, for key rotation), {@code typ} header {@code logout+jwt} when
 * present, {@code iss} the configured issuer, {@code aud} our client, {@code iat} recent,
 * {@code exp} not passed, the back-channel logout event present, no {@code nonce} (so an ID token
 * cannot be replayed as a logout token), and {@code sub} or {@code sid}.
 */
public final class LogoutTokenVerifier {
  static final String EVENT = "http://schemas.openid.net/event/backchannel-logout";
  /** A logout token older than this is refused (the issuer sends it right away). */
  static final Duration MAX_AGE = Duration.ofMinutes(5);
  private static final Duration REFETCH_AT_MOST_EVERY = Duration.ofSeconds(10);

  private final WebClient web;
  private final String jwksUri;
  private final String issuer;
  private final String clientId;
  private final Clock clock;
  private volatile JWT keys;
  private volatile long fetchedAt;

  public LogoutTokenVerifier(Vertx vertx, String jwksUri, String issuer, String clientId, Clock clock) {
    this.web = WebClient.create(vertx);
    this.jwksUri = jwksUri;
    this.issuer = issuer;
    this.clientId = clientId;
    this.clock = clock;
  }

  /** What the issuer logged out: a user ({@code sub}), one of their sessions ({@code sid}), or both. */
  public record Logout(String subject, String idpSession) {}

  /** Fails with {@link IllegalArgumentException} naming what is wrong with the token. */
  public Future<Logout> verify(String token) {
    if (token == null || token.isBlank()) {
      return Future.failedFuture(new IllegalArgumentException("logout_token is missing"));
    }
    JsonObject header;
    try {
      header = JWT.parse(token).getJsonObject("header");
    } catch (RuntimeException e) {
      return Future.failedFuture(new IllegalArgumentException("logout_token is not a JWT"));
    }
    String alg = header.getString("alg", "");
    if (!(alg.startsWith("RS") || alg.startsWith("PS") || alg.startsWith("ES") || alg.equals("EdDSA"))) {
      return Future.failedFuture(new IllegalArgumentException("logout_token algorithm " + alg + " is not accepted"));
    }
    Object typ = header.getValue("typ");
    if (typ != null && !"logout+jwt".equalsIgnoreCase(typ.toString()) && !"JWT".equalsIgnoreCase(typ.toString())) {
      return Future.failedFuture(new IllegalArgumentException("logout_token has typ " + typ + ", not logout+jwt"));
    }
    return currentKeys(false)
        .compose(jwt -> decode(jwt, token).recover(err -> err instanceof UnknownKey && clock.millis() - fetchedAt > REFETCH_AT_MOST_EVERY.toMillis()
            ? currentKeys(true).compose(fresh -> decode(fresh, token))
            : Future.failedFuture(err)))
        .compose(claims -> {
          try {
            return Future.succeededFuture(checkClaims(claims));
          } catch (IllegalArgumentException e) {
            return Future.failedFuture(e);
          }
        });
  }

  private static final class UnknownKey extends IllegalArgumentException {
    UnknownKey(String message) {
      super(message);
    }
  }

  private static Future<JsonObject> decode(JWT jwt, String token) {
    try {
      return Future.succeededFuture(jwt.decode(token));
    } catch (io.vertx.ext.auth.NoSuchKeyIdException e) {
      return Future.failedFuture(new UnknownKey("logout_token is signed with an unknown key " + e.id()));
    } catch (RuntimeException | java.security.SignatureException e) {
      return Future.failedFuture(new IllegalArgumentException("logout_token signature is invalid: " + e.getMessage()));
    }
  }

  Logout checkClaims(JsonObject claims) {
    if (!issuer.equals(claims.getString("iss"))) {
      throw new IllegalArgumentException("logout_token iss is not the configured issuer");
    }
    if (!IdTokenChecks.strings(claims.getValue("aud")).contains(clientId)) {
      throw new IllegalArgumentException("logout_token aud does not name this hub");
    }
    long now = clock.millis() / 1000;
    if (!(claims.getValue("iat") instanceof Number iat) || iat.longValue() < now - MAX_AGE.toSeconds()
        || iat.longValue() > now + IdTokenChecks.CLOCK_SKEW_SECONDS) {
      throw new IllegalArgumentException("logout_token iat is missing, too old or in the future");
    }
    if (claims.getValue("exp") instanceof Number exp && exp.longValue() + IdTokenChecks.CLOCK_SKEW_SECONDS < now) {
      throw new IllegalArgumentException("logout_token has expired");
    }
    if (!(claims.getValue("events") instanceof JsonObject events) || !(events.getValue(EVENT) instanceof JsonObject)) {
      throw new IllegalArgumentException("logout_token has no back-channel logout event");
    }
    if (claims.containsKey("nonce")) {
      throw new IllegalArgumentException("logout_token must not contain a nonce");
    }
    String sub = claims.getString("sub");
    String sid = claims.getString("sid");
    if ((sub == null || sub.isEmpty()) && (sid == null || sid.isEmpty())) {
      throw new IllegalArgumentException("logout_token names neither sub nor sid");
    }
    return new Logout(sub, sid);
  }

  private Future<JWT> currentKeys(boolean refetch) {
    JWT known = keys;
    if (known != null && !refetch) {
      return Future.succeededFuture(known);
    }
    return web.getAbs(jwksUri).timeout(10_000).send().compose(response -> {
      if (response.statusCode() != 200) {
        return Future.failedFuture(new IllegalStateException("the issuer's JWKS at " + jwksUri + " answered " + response.statusCode()));
      }
      JWT jwt = new JWT();
      JsonArray list = response.bodyAsJsonObject().getJsonArray("keys", new JsonArray());
      for (Object key : list) {
        if (key instanceof JsonObject json && !"enc".equals(json.getString("use"))) {
          try {
            jwt.addJWK(new JWK(json));
          } catch (RuntimeException unsupported) {
            // a key type this JVM cannot use; tokens signed with it are refused as unknown keys
          }
        }
      }
      keys = jwt;
      fetchedAt = clock.millis();
      return Future.succeededFuture(jwt);
    });
  }
}
