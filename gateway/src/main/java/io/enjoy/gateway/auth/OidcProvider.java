package io.enjoy.gateway.auth;

import io.enjoy.conf.EnjoyConfig;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.auth.oauth2.OAuth2Auth;
import io.vertx.ext.auth.oauth2.OAuth2Options;
import io.vertx.ext.auth.oauth2.providers.OpenIDConnectAuth;

/**
 * The discovered issuer: the OAuth2 client (it verifies ID-token signatures against the issuer's
 * JWKS) and the endpoints the hub uses itself.
 *
 * @param issuer         exactly as configured and as the discovery document states it
 * @param jwksUri        the issuer's keys, for back-channel logout tokens
 * @param endSessionUri  RP-initiated logout; null when the issuer offers none
 */
public record OidcProvider(OAuth2Auth client, String issuer, String jwksUri, String endSessionUri) {

  /**
   * Fetches {@code <issuer>/.well-known/openid-configuration} and the issuer's keys. The document's
   * {@code issuer} must equal the configured one exactly (vertx-auth tolerates a trailing slash
   * or a missing value; a token's {@code iss} is compared exactly later, so a difference would
   * refuse every login with a confusing message instead of failing here).
   */
  public static Future<OidcProvider> discover(Vertx vertx, EnjoyConfig.Oidc oidc, String issuer) {
    OAuth2Options options = new OAuth2Options()
        .setSite(issuer)
        .setClientId(oidc.clientId())
        .setClientSecret(oidc.clientSecret() == null || oidc.clientSecret().isEmpty() ? null : oidc.clientSecret())
        .setValidateIssuer(true);
    return OpenIDConnectAuth.discover(vertx, options)
        .recover(err -> Future.failedFuture(new IllegalStateException(
            "OIDC discovery at " + issuer + "/.well-known/openid-configuration failed (oidc.issuer): " + err.getMessage(), err)))
        .compose(client -> {
          String stated = options.getJWTOptions() == null ? null : options.getJWTOptions().getIssuer();
          if (!issuer.equals(stated)) {
            return Future.failedFuture(new IllegalStateException("oidc.issuer is " + issuer + " but the discovery document states issuer "
                + stated + "; they must be equal exactly"));
          }
          if (options.getJwkPath() == null) {
            return Future.failedFuture(new IllegalStateException("the discovery document of " + issuer + " has no jwks_uri: ID tokens could not be verified"));
          }
          return Future.succeededFuture(new OidcProvider(client, issuer, absolute(options, options.getJwkPath()),
              options.getLogoutPath() == null ? null : absolute(options, options.getLogoutPath())));
        });
  }

  private static String absolute(OAuth2Options options, String path) {
    return path.startsWith("/") ? options.getSite() + path : path;
  }
}
