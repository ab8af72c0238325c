package io.enjoy.gateway.auth;

import io.enjoy.conf.EnjoyConfig;
import io.enjoy.gateway.state.HubServices;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.util.function.Supplier;

/**
 * The gateway's OIDC relying party in one place: login ({@link OidcLogin}), the periodic re-check
 * ({@link SessionRecheck}, to run before every route) and logout, local, at the issuer and
 * back-channel ({@link OidcLogout}).
 */
public final class OidcAuth {
  private final OidcLogin login;
  private final OidcLogout logout;
  private final SessionRecheck recheck;

  /**
   * @param tokenKey    the secret that encrypts the issuer's tokens at rest
   * @param devProvider the issuer is the built-in development provider (see {@link IdTokenChecks})
   */
  public OidcAuth(Vertx vertx, OidcProvider provider, EnjoyConfig config, HubServices hub, SessionRevocations revocations,
      String tokenKey, Supplier<String> publicUrl, boolean devProvider) {
    EnjoyConfig.Oidc oidc = config.oidc();
    Clock clock = Clock.systemUTC();
    IdTokenChecks checks = new IdTokenChecks(provider.issuer(), oidc.clientId(), oidc.usernameClaim(), oidc.groupsClaim(), devProvider, clock);
    LoginSessions sessions = new LoginSessions(hub.pool(), new TokenCipher(tokenKey), config.gateway().sessionTimeout());
    this.login = new OidcLogin(provider.client(), oidc, checks, () -> publicUrl.get() + "/hub/oauth_callback", hub.users(), sessions);
    this.logout = new OidcLogout(provider, sessions, revocations,
        new LogoutTokenVerifier(vertx, provider.jwksUri(), provider.issuer(), oidc.clientId(), clock), oidc.logoutAtIdp(), publicUrl);
    this.recheck = new SessionRecheck(provider.client(), checks, sessions, hub.users(), revocations, hub.servers(),
        oidc.recheckInterval(), clock);
  }

  /** Route it for every request, after the session handler and the revocation check. */
  public Handler<RoutingContext> recheck() {
    return recheck;
  }

  public void mount(Router router) {
    login.mount(router);
    logout.mount(router);
  }
}
