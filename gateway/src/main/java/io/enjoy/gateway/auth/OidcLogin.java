package io.enjoy.gateway.auth;

import io.enjoy.conf.EnjoyConfig;
import io.enjoy.gateway.http.Audit;
import io.enjoy.gateway.http.ShownError;
import io.enjoy.gateway.state.UserNotAllowedException;
import io.enjoy.gateway.state.UserService;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.User;
import io.vertx.ext.auth.oauth2.OAuth2Auth;
import io.vertx.ext.auth.oauth2.OAuth2AuthorizationURL;
import io.vertx.ext.auth.oauth2.OAuth2FlowType;
import io.vertx.ext.auth.oauth2.OAuth2Options;
import io.vertx.ext.auth.oauth2.Oauth2Credentials;
import io.vertx.ext.auth.oauth2.providers.OpenIDConnectAuth;
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
 * OIDC authorization-code login with PKCE (S256), state and nonce against a discovered issuer.
 *
 * <p>Routes: {@code GET /hub/oauth_login?next=...} sends the browser to the provider;
 * {@code GET /hub/oauth_callback} completes the login; {@code GET /hub/logout} ends the session.
 * The ID token's signature, {@code iss} and {@code aud} are checked by vertx-auth-oauth2 (it
 * drops an ID token that fails them, which we treat as a failed login); {@code exp} and
 * {@code nonce} are checked here. The user name is the configured claim, taken verbatim.
 */
public final class OidcLogin {
  private static final Logger LOG = LoggerFactory.getLogger(OidcLogin.class);
  private static final String PENDING_KEY = "enjoy.oidc.pending";
  /** Parallel logins in several tabs each keep their own state; older ones are dropped beyond this. */
  private static final int MAX_PENDING = 3;
  private static final long CLOCK_SKEW_SECONDS = 60;
  private static final SecureRandom RANDOM = new SecureRandom();

  private final OAuth2Auth provider;
  private final String usernameClaim;
  private final String groupsClaim;
  private final List<String> scopes;
  private final Supplier<String> callbackUrl;
  private final UserService users;
  private final boolean devProvider;
  private final SessionRevocations revocations;

  /**
   * @param devProvider the issuer is the built-in development provider: it puts the typed name
   *                    into {@code sub} and adds other claims only when typed into its claims box,
   *                    so a missing username claim falls back to {@code sub} there (never for a real issuer)
   */
  public OidcLogin(OAuth2Auth provider, EnjoyConfig.Oidc oidc, Supplier<String> callbackUrl, UserService users,
      SessionRevocations revocations, boolean devProvider) {
    this.provider = provider;
    this.revocations = revocations;
    this.devProvider = devProvider;
    this.usernameClaim = oidc.usernameClaim();
    this.groupsClaim = oidc.groupsClaim();
    List<String> wanted = new ArrayList<>(oidc.scopes());
    if (!wanted.contains("openid")) {
      wanted.add(0, "openid");
    }
    this.scopes = List.copyOf(wanted);
    this.callbackUrl = callbackUrl;
    this.users = users;
  }

  /** Fetches {@code <issuer>/.well-known/openid-configuration} and the provider's keys. */
  public static Future<OAuth2Auth> discover(Vertx vertx, EnjoyConfig.Oidc oidc, String issuer) {
    OAuth2Options options = new OAuth2Options()
        .setSite(issuer)
        .setClientId(oidc.clientId())
        .setClientSecret(oidc.clientSecret() == null || oidc.clientSecret().isEmpty() ? null : oidc.clientSecret())
        .setValidateIssuer(true);
    return OpenIDConnectAuth.discover(vertx, options)
        .recover(err -> Future.failedFuture(new IllegalStateException(
            "OIDC discovery at " + issuer + "/.well-known/openid-configuration failed (oidc.issuer): " + err.getMessage(), err)));
  }

  public void mount(Router router) {
    router.get("/hub/oauth_login").handler(this::startLogin);
    router.get("/hub/oauth_callback").handler(this::callback);
    router.get("/hub/logout").handler(this::logout);
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
    session.put(PENDING_KEY, pendingAll);
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
    provider.authenticate(credentials)
        .recover(err -> {
          LOG.warn("OIDC code exchange failed: {}", err.getMessage());
          return Future.failedFuture(new ShownError(401, "The identity provider did not confirm the login. Try again from the login page."));
        })
        .compose(user -> {
          String name = attempted[0] = userNameFrom(user, pending.getString("nonce"));
          List<String> groups = groupsFrom(user.attributes().getJsonObject("idToken"), groupsClaim);
          if (!users.loginAllowed(name, groups)) {
            return Future.failedFuture(new ShownError(403, name + " is not allowed to use this hub. Ask the course staff to add you."));
          }
          return users.recordLogin(name, groups).recover(err -> Future.failedFuture(err instanceof UserNotAllowedException refused
              ? new ShownError(refused.httpStatus(), refused.getMessage())
              : err));
        })
        .onSuccess(user -> {
          HubSession.logIn(session, user);
          Audit.event("login", user.name(), null, user.admin() ? "ok (admin)" : "ok");
          rc.response().setStatusCode(302).putHeader("Location", pending.getString("next", "/hub/home"))
              .putHeader("Cache-Control", "no-store").end();
        })
        .onFailure(err -> {
          Audit.event("login", attempted[0], null, "refused: " + err.getMessage());
          rc.fail(err);
        });
  }

  /** The configured claim from a validated ID token; fails with a message the user can act on. */
  String userNameFrom(User user, String expectedNonce) {
    JsonObject idToken = user.attributes().getJsonObject("idToken");
    if (idToken == null) {
      LOG.warn("OIDC login without a valid ID token (missing, bad signature, wrong issuer or audience)");
      throw new ShownError(401, "The identity provider's ID token was missing or invalid.");
    }
    long now = System.currentTimeMillis() / 1000;
    Long exp = idToken.getLong("exp");
    if (exp == null || exp + CLOCK_SKEW_SECONDS < now) {
      throw new ShownError(401, "The identity provider's ID token has expired. Try again from the login page.");
    }
    Long nbf = idToken.getLong("nbf");
    if (nbf != null && nbf - CLOCK_SKEW_SECONDS > now) {
      throw new ShownError(401, "The identity provider's ID token is not valid yet; check the clocks.");
    }
    String nonce = idToken.getString("nonce");
    if (nonce == null || !MessageDigest.isEqual(nonce.getBytes(StandardCharsets.UTF_8), expectedNonce.getBytes(StandardCharsets.UTF_8))) {
      throw new ShownError(401, "The identity provider's ID token does not belong to this login (nonce mismatch).");
    }
    Object name = idToken.getValue(usernameClaim);
    if (name == null && devProvider) {
      name = idToken.getValue("sub");
    }
    if (!(name instanceof String text) || text.isBlank()) {
      throw new ShownError(403, "The identity provider sent no user name (claim '" + usernameClaim + "').");
    }
    return text;
  }

  /**
   * The group names in the ID token's groups claim (already validated by {@link #userNameFrom});
   * none when the claim is absent. Names are used exactly: a Keycloak mapper with "Full group
   * path" on would send {@code /physics-101}, which does not match {@code physics-101}.
   */
  static List<String> groupsFrom(JsonObject idToken, String claim) {
    Object value = idToken == null ? null : idToken.getValue(claim);
    if (value instanceof String single) {
      return List.of(single);
    }
    if (!(value instanceof io.vertx.core.json.JsonArray array)) {
      return List.of();
    }
    List<String> groups = new ArrayList<>();
    for (Object item : array) {
      if (item instanceof String name) {
        groups.add(name);
      }
    }
    return List.copyOf(groups);
  }

  /** Ends this and every other session of the user (all tabs and devices), server-side. */
  private void logout(RoutingContext rc) {
    String name = HubSession.userName(rc);
    Session session = rc.session();
    if (session != null) {
      session.destroy();
    }
    Future<Void> revoked = name == null ? Future.succeededFuture() : revocations.revokeAll(name);
    revoked.onFailure(rc::fail).onSuccess(v -> {
      if (name != null) {
        Audit.event("logout", name, null, "ok: every session of the user ended");
      }
      rc.response().setStatusCode(302).putHeader("Location", "/hub/login?logged_out=1")
          .putHeader("Cache-Control", "no-store").end();
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
