package io.enjoy.gateway.auth;

import io.enjoy.conf.EnjoyConfig;
import io.enjoy.gateway.http.Audit;
import io.enjoy.gateway.http.ShownError;
import io.enjoy.gateway.state.UserNotAllowedException;
import io.enjoy.gateway.state.UserService;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.oauth2.OAuth2Auth;
import io.vertx.ext.auth.oauth2.OAuth2AuthorizationURL;
import io.vertx.ext.auth.oauth2.OAuth2FlowType;
import io.vertx.ext.auth.oauth2.Oauth2Credentials;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.Session;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * OIDC authorization-code login with PKCE (S256), state and nonce against the discovered issuer.
 *
 * <p>Routes: {@code GET /hub/oauth_login?next=...} sends the browser to the provider;
 * {@code GET /hub/oauth_callback} completes the login. The ID token is checked by
 * {@link IdTokenChecks}; the user is found by issuer + {@code sub}
 * ({@link UserService#recordLogin(String, String, String, List)}); the issuer's refresh and ID
 * tokens are kept, encrypted, in {@link LoginSessions} for the periodic re-check and the logout.
 */
public final class OidcLogin {
  private static final Logger LOG = LoggerFactory.getLogger(OidcLogin.class);
  private static final String PENDING_KEY = "enjoy.oidc.pending";
  /** Parallel logins in several tabs each keep their own state; older ones are dropped beyond this. */
  private static final int MAX_PENDING = 3;
  private static final SecureRandom RANDOM = new SecureRandom();

  private final OAuth2Auth provider;
  private final IdTokenChecks checks;
  private final List<String> scopes;
  private final Supplier<String> callbackUrl;
  private final UserService users;
  private final LoginSessions sessions;

  public OidcLogin(OAuth2Auth provider, EnjoyConfig.Oidc oidc, IdTokenChecks checks, Supplier<String> callbackUrl, UserService users,
      LoginSessions sessions) {
    this.provider = provider;
    this.checks = checks;
    this.sessions = sessions;
    List<String> wanted = new ArrayList<>(oidc.scopes());
    if (!wanted.contains("openid")) {
      wanted.add(0, "openid");
    }
    this.scopes = List.copyOf(wanted);
    this.callbackUrl = callbackUrl;
    this.users = users;
  }

  public void mount(Router router) {
    router.get("/hub/oauth_login").handler(this::startLogin);
    router.get("/hub/oauth_callback").handler(this::callback);
  }

  private void startLogin(RoutingContext rc) {
    Session session = rc.session();
    String state = randomToken(32);
    String nonce = randomToken(32);
    String verifier = randomToken(48);
    String next = NextUrl.validate(rc.request().getParam("next")).orElse("/hub/home");
    JsonObject pending = session.get(PENDING_KEY) instanceof JsonObject j ? j.copy() : new JsonObject();
    while (pending.size() >= MAX_PENDING) {
      pending.remove(pending.fieldNames().iterator().next());
    }
    pending.put(state, new JsonObject().put("nonce", nonce).put("verifier", verifier).put("next", next));
    session.put(PENDING_KEY, pending);

    String url = provider.authorizeURL(new OAuth2AuthorizationURL()
        .setRedirectUri(callbackUrl.get())
        .setScopes(scopes)
        .setState(state)
        .setCodeChallenge(s256(verifier))
        .setCodeChallengeMethod("S256")
        .putAdditionalParameter("nonce", nonce));
    rc.response().setStatusCode(302).putHeader("Location", url).putHeader("Cache-Control", "no-store").end();
  }

  private void callback(RoutingContext rc) {
    String error = rc.request().getParam("error");
    if (error != null) {
      rc.fail(new ShownError(401, "The identity provider did not log you in (" + error + "). Try again from the login page."));
      return;
    }
    String state = rc.request().getParam("state");
    String code = rc.request().getParam("code");
    Session session = rc.session();
    JsonObject pendingAll = session.get(PENDING_KEY) instanceof JsonObject j ? j.copy() : new JsonObject();
    JsonObject pending = state == null ? null : (JsonObject) pendingAll.remove(state);
    // null removes the key: the session cookie, sent and opened with every request, need not carry an empty map
    session.put(PENDING_KEY, pendingAll.isEmpty() ? null : pendingAll);
    if (pending == null || code == null || code.isEmpty()) {
      rc.fail(new ShownError(400, "This login response is unknown, expired or was already used. Start again from the login page."));
      return;
    }
    Oauth2Credentials credentials = new Oauth2Credentials()
        .setFlow(OAuth2FlowType.AUTH_CODE)
        .setCode(code)
        .setRedirectUri(callbackUrl.get())
        .setCodeVerifier(pending.getString("verifier"));
    String[] attempted = new String[1];
    String loginId = randomToken(32);
    provider.authenticate(credentials)
        .recover(err -> {
          LOG.warn("OIDC code exchange failed: {}", err.getMessage());
          return Future.failedFuture(new ShownError(401, "The identity provider did not confirm the login. Try again from the login page."));
        })
        .compose(idpUser -> {
          IdTokenChecks.Identity identity = checks.atLogin(idpUser.attributes().getJsonObject("idToken"), pending.getString("nonce"));
          String name = attempted[0] = identity.username();
          JsonObject tokens = idpUser.principal();
          return users.admits(name, identity.groups()).compose(admitted -> admitted ? Future.<Void>succeededFuture()
              : Future.failedFuture(new ShownError(403, name + " is not allowed to use this hub. Ask the course staff to add you.")))
              .compose(ok -> users.recordLogin(identity.issuer(), identity.subject(), name, identity.groups())
              .recover(err -> Future.failedFuture(err instanceof UserNotAllowedException refused
                  ? new ShownError(refused.httpStatus(), refused.getMessage())
                  : err))
              .compose(user -> sessions.open(loginId, user.id(), identity, tokens.getString("refresh_token"), tokens.getString("id_token"))
                  .map(user)));
        })
        .onSuccess(user -> {
          HubSession.logIn(session, user, loginId);
          Audit.event("login", user.name(), null, user.admin() ? "ok (admin)" : "ok");
          rc.response().setStatusCode(302).putHeader("Location", pending.getString("next", "/hub/home"))
              .putHeader("Cache-Control", "no-store").end();
        })
        .onFailure(err -> {
          Audit.event("login", attempted[0], null, "refused: " + err.getMessage());
          rc.fail(err);
        });
  }

  static String randomToken(int bytes) {
    byte[] raw = new byte[bytes];
    RANDOM.nextBytes(raw);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
  }

  static String s256(String verifier) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
      return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
