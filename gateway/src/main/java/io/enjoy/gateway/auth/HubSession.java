package io.enjoy.gateway.auth;

import io.enjoy.gateway.state.UserRecord;
import io.vertx.core.http.CookieSameSite;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.Session;
import io.vertx.ext.web.handler.SessionHandler;
import java.time.Duration;

/**
 * The hub's browser session: which user is logged in and since when. It lives in an AES-GCM
 * encrypted, authenticated cookie (key in {@code <data_dir>/secrets/session-key}), so a hub restart
 * or a second gateway does not log anybody out; logout is enforced server-side through
 * {@link SessionRevocations}, and the session expires {@code gateway.session_timeout} after it
 * was last written. One {@link #handler} per listener: each keeps its own cache of opened cookies
 * ({@link SessionCookieStore}) on its event loop.
 */
public final class HubSession {
  /** Name of the session cookie; the proxy strips it from everything it forwards to a worker. */
  public static final String COOKIE_NAME = "enjoy-session";
  /**
   * Subdomain mode: every cookie of the gateway starts with this. Browsers accept a {@code __Host-}
   * cookie only from the host itself (Secure, Path=/, no Domain), so a page on a user's subdomain
   * cannot toss one onto the hub or a sibling (T4); the proxy strips all of them from requests to workers.
   */
  public static final String HOST_PREFIX = "__Host-enjoy-";
  /** The hub's session cookie in subdomain mode. */
  public static final String HOST_COOKIE_NAME = HOST_PREFIX + "session";
  private static final String USER_KEY = "enjoy.user.name";
  private static final String ADMIN_KEY = "enjoy.user.admin";
  private static final String LOGIN_AT_KEY = "enjoy.user.login_at";
  private static final String SESSION_ID_KEY = "enjoy.login.id";
  private static final String CHECKED_AT_KEY = "enjoy.login.checked_at";

  private HubSession() {}

  /**
   * Cookie {@code HttpOnly}, {@code Secure}, {@code SameSite=Lax} (not Strict: the browser must send
   * it on the redirect back from the identity provider), path {@code /} so that {@code /user/...}
   * requests can be authorised.
   */
  public static SessionHandler handler(Vertx vertx, Duration timeout, String secret) {
    return handler(vertx, timeout, secret, COOKIE_NAME);
  }

  /** As {@link #handler(Vertx, Duration, String)} with another cookie name (subdomain mode's {@code __Host-} names). */
  public static SessionHandler handler(Vertx vertx, Duration timeout, String secret, String cookieName) {
    return SessionHandler.create(new SessionCookieStore(vertx, secret))
        .setSessionCookieName(cookieName)
        .setSessionCookiePath("/")
        .setCookieHttpOnlyFlag(true)
        .setCookieSecureFlag(true)
        .setCookieSameSite(CookieSameSite.LAX)
        .setSessionTimeout(timeout.toMillis())
        .setMinLength(32)
        .setNagHttps(false);
  }

  /** The logged-in user's name exactly as the identity provider gave it, or null. */
  public static String userName(RoutingContext rc) {
    Session session = rc.session();
    return session == null ? null : session.get(USER_KEY);
  }

  /** When this session logged in (epoch ms), or -1 without a login; with {@link SessionRevocations#revoked} it tells whether it still counts. */
  public static long loginAt(RoutingContext rc) {
    Session session = rc.session();
    return session != null && session.get(LOGIN_AT_KEY) instanceof Number at ? at.longValue() : -1;
  }

  public static boolean isAdmin(RoutingContext rc) {
    Session session = rc.session();
    return session != null && Boolean.TRUE.equals(session.get(ADMIN_KEY));
  }

  /**
   * Marks the session logged in, with a fresh id so a planted session id is worthless (session
   * fixation). {@code loginId} names the session's row in {@link LoginSessions} (null for logins
   * that keep no issuer tokens).
   */
  static void logIn(Session session, UserRecord user, String loginId) {
    session.regenerateId();
    long now = System.currentTimeMillis();
    session.put(USER_KEY, user.name());
    session.put(ADMIN_KEY, user.admin());
    session.put(LOGIN_AT_KEY, now);
    session.put(CHECKED_AT_KEY, now);
    if (loginId != null) {
      session.put(SESSION_ID_KEY, loginId);
    }
  }

  /** After a re-check at the issuer: the name (it may have been renamed there) and admin flag now. */
  static void confirmed(Session session, UserRecord user, long atMillis) {
    session.put(USER_KEY, user.name());
    session.put(ADMIN_KEY, user.admin());
    session.put(CHECKED_AT_KEY, atMillis);
  }

  /** This request's login id (see {@link #loginId(Session)}), for checks made later, e.g. on an open WebSocket. */
  public static String loginId(RoutingContext rc) {
    return loginId(rc.session());
  }

  /** The random id of this login's {@link LoginSessions} row, or null. */
  static String loginId(Session session) {
    return session == null ? null : session.get(SESSION_ID_KEY);
  }

  /** When the issuer last confirmed this session (login or re-check), epoch millis; 0 if unknown. */
  static long checkedAt(Session session) {
    return session.get(CHECKED_AT_KEY) instanceof Number n ? n.longValue() : 0;
  }

  /** What a login is, apart from the cookie carrying it: subdomain mode copies it into a user host's own session. */
  public record Login(String user, long loginAt, String loginId, long checkedAt) {}

  /** This request's login, or null when it has none. */
  public static Login login(RoutingContext rc) {
    String user = userName(rc);
    return user == null ? null : new Login(user, loginAt(rc), loginId(rc), checkedAt(rc.session()));
  }

  /**
   * Makes {@code session} (a user host's, in subdomain mode) carry this login: same user, login
   * time and login id, so a logout or a failed re-check ends it together with the hub session. A
   * fresh session id, as at every login. Never an admin: a user host needs no admin rights.
   */
  public static void resume(Session session, Login login) {
    session.regenerateId();
    session.put(USER_KEY, login.user());
    session.put(ADMIN_KEY, false);
    session.put(LOGIN_AT_KEY, login.loginAt());
    session.put(CHECKED_AT_KEY, login.checkedAt());
    if (login.loginId() != null) {
      session.put(SESSION_ID_KEY, login.loginId());
    }
  }

  /** Runs after the session handler: a session whose user has logged out since, or that was ended, is dropped. */
  public static Handler<RoutingContext> revocationCheck(SessionRevocations revocations) {
    return rc -> {
      Session session = rc.session();
      String user = session == null ? null : session.get(USER_KEY);
      if (user != null) {
        Object loginAt = session.get(LOGIN_AT_KEY);
        String loginId = loginId(session);
        if (!(loginAt instanceof Number at) || revocations.revoked(user, at.longValue(), loginId)) {
          session.destroy();
        }
      }
      rc.next();
    };
  }
}
