package io.enjoy.gateway.auth;

import io.enjoy.gateway.http.Audit;
import io.enjoy.gateway.http.Html;
import io.enjoy.gateway.http.SecurityHeaders;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.User;
import io.vertx.ext.auth.oauth2.OAuth2Auth;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.Session;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ending sessions. {@code POST /hub/logout} (XSRF-checked like every hub form; {@code GET}
 * only shows a confirmation page, as a GET must not change state) ends every hub session of the
 * user (all tabs and devices, server-side; their WebSockets through the proxy close), clears the session cookie and, with {@code oidc.logout_at_idp}, sends the
 * browser to the issuer's {@code end_session_endpoint} with {@code id_token_hint} and
 * {@code post_logout_redirect_uri} (through a page that navigates on, see {@link #continueAtIdp}) so that "log in" on a shared PC asks for the password again
 * (H-19). {@code POST /hub/oauth_backchannel_logout} is the OIDC Back-Channel Logout 1.0 endpoint:
 * a verified {@code logout_token} naming a {@code sid} ends the hub sessions of that issuer session;
 * naming only a {@code sub} ends all of that user's sessions (T29).
 */
public final class OidcLogout {
  private static final Logger LOG = LoggerFactory.getLogger(OidcLogout.class);
  public static final String BACKCHANNEL_PATH = "/hub/oauth_backchannel_logout";

  private final OidcProvider provider;
  private final LoginSessions sessions;
  private final SessionRevocations revocations;
  private final LogoutTokenVerifier verifier;
  private final boolean logoutAtIdp;
  private final Supplier<String> publicUrl;

  public OidcLogout(OidcProvider provider, LoginSessions sessions, SessionRevocations revocations, LogoutTokenVerifier verifier,
      boolean logoutAtIdp, Supplier<String> publicUrl) {
    this.provider = provider;
    this.sessions = sessions;
    this.revocations = revocations;
    this.verifier = verifier;
    this.logoutAtIdp = logoutAtIdp;
    this.publicUrl = publicUrl;
  }

  public void mount(Router router) {
    router.post("/hub/logout").handler(this::logout);
    router.post(BACKCHANNEL_PATH).handler(BodyHandler.create(false).setBodyLimit(16 * 1024)).handler(this::backChannel);
  }

  private void logout(RoutingContext rc) {
    String name = HubSession.userName(rc);
    Session session = rc.session();
    String loginId = HubSession.loginId(session);
    Future<Optional<LoginSessions.Stored>> stored = loginId == null ? Future.succeededFuture(Optional.empty()) : sessions.find(loginId);
    if (session != null) {
      session.destroy();
    }
    stored.compose(found -> (name == null ? Future.<Void>succeededFuture() : revocations.revokeAll(name).compose(v -> sessions.endAllOf(name)))
            .map(v -> found.map(LoginSessions.Stored::idToken)))
        .onFailure(rc::fail)
        .onSuccess(idToken -> {
          if (name != null) {
            Audit.event("logout", name, null, "ok: every session of the user ended");
          }
          String idpLogout = idpLogoutUrl(idToken.orElse(null));
          if (idpLogout == null) {
            rc.response().setStatusCode(302).putHeader("Location", "/hub/login?logged_out=1").putHeader("Cache-Control", "no-store").end();
          } else {
            continueAtIdp(rc, idpLogout);
          }
        });
  }

  /**
   * The hub session is over; the browser goes on to the issuer's logout. Not by a redirect: the
   * logout is a form POST, and browsers apply the page's CSP {@code form-action 'self'} to the
   * redirects that follow a form submission, so a 302 to the issuer would be blocked. A page that
   * navigates on by itself (and offers a link) is not a form submission.
   */
  private static void continueAtIdp(RoutingContext rc, String url) {
    String href = Html.escape(url);
    SecurityHeaders.apply(rc.response());
    rc.response().setStatusCode(200).putHeader("Content-Type", "text/html; charset=utf-8").putHeader("Cache-Control", "no-store")
        .end("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<meta http-equiv=\"refresh\" content=\"0; url=" + href
            + "\">\n<title>Logged out · EnJoY</title>\n<link rel=\"stylesheet\" href=\"/hub/static/hub.css\">\n</head>\n<body>\n<main id=\"main\">\n"
            + "<h1>Logged out</h1>\n<p id=\"logged-out\" role=\"status\">You are logged out of the hub. Ending your session at the login service…</p>\n"
            + "<p><a id=\"idp-logout\" class=\"button\" href=\"" + href + "\">Continue</a></p>\n</main>\n</body>\n</html>\n");
  }

  /** The issuer's end-session URL when configured and possible, else null (the hub's login page follows). */
  private String idpLogoutUrl(String idToken) {
    String loginPage = publicUrl.get() + "/hub/login";
    if (!logoutAtIdp || provider.endSessionUri() == null || idToken == null) {
      return null;
    }
    return provider.client().endSessionURL(User.create(new JsonObject().put("id_token", idToken)),
        new JsonObject().put("post_logout_redirect_uri", loginPage));
  }

  private void backChannel(RoutingContext rc) {
    rc.response().putHeader("Cache-Control", "no-store");
    verifier.verify(rc.request().getFormAttribute("logout_token"))
        .compose(logout -> {
          if (logout.idpSession() != null) {
            return sessions.endIdpSession(provider.issuer(), logout.idpSession())
                .compose(ended -> revocations.revokeSessions(ended).map("issuer session " + logout.idpSession() + ": " + ended.size() + " hub session(s) ended"));
          }
          return sessions.userOf(provider.issuer(), logout.subject()).compose(user -> user
              .map(name -> revocations.revokeAll(name).compose(v -> sessions.endAllOf(name)).map("every session of " + name + " ended"))
              .orElse(Future.succeededFuture("no hub user for that subject")));
        })
        .onSuccess(outcome -> {
          Audit.event("backchannel-logout", null, null, "ok: " + outcome);
          rc.response().setStatusCode(200).end();
        })
        .onFailure(err -> {
          boolean bad = err instanceof IllegalArgumentException;
          LOG.warn("back-channel logout refused: {}", err.getMessage());
          Audit.event("backchannel-logout", null, null, "refused: " + err.getMessage());
          rc.response().setStatusCode(bad ? 400 : 500).putHeader("Content-Type", "application/json")
              .end(new JsonObject().put("error", bad ? "invalid_request" : "server_error")
                  .put("error_description", bad ? err.getMessage() : "the logout could not be recorded").encode());
        });
  }
}
