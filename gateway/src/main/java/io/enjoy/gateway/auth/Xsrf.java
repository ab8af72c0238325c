package io.enjoy.gateway.auth;

import io.enjoy.gateway.api.HubApi;
import io.enjoy.gateway.http.ShownError;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.CSRFHandler;

/**
 * XSRF protection for everything a browser session can change, built on vertx-web's
 * {@link CSRFHandler} (double-submit cookie bound to the session, rotated after each use).
 * Forms carry the token in the hidden field {@link #FIELD}; scripts send it as that header.
 * Never mounted on {@code /user/...}: proxied requests keep their bodies unread.
 */
public final class Xsrf {
  /** Form field and header name. */
  public static final String FIELD = CSRFHandler.DEFAULT_HEADER_NAME;
  public static final String COOKIE_NAME = "enjoy-xsrf";
  /** Subdomain mode's name (see {@link HubSession#HOST_PREFIX}); {@code __Host-} needs Path=/. */
  public static final String HOST_COOKIE_NAME = HubSession.HOST_PREFIX + "xsrf";
  private static final String CHECKED = "enjoy.xsrf.checked";

  private final CSRFHandler csrf;

  public Xsrf(Vertx vertx, String secret) {
    this(vertx, secret, COOKIE_NAME, "/hub/");
  }

  /** With another cookie name and path (subdomain mode: {@link #HOST_COOKIE_NAME} on {@code /}). */
  public Xsrf(Vertx vertx, String secret, String cookieName, String cookiePath) {
    this.csrf = CSRFHandler.create(vertx, secret)
        .setCookieName(cookieName)
        .setCookiePath(cookiePath)
        .setCookieSecure(true)
        .setCookieHttpOnly(true)
        .setNagHttps(false);
  }

  /** The token to put into a form rendered by this request (null before {@link #pages} ran). */
  public static String token(RoutingContext rc) {
    return rc.get(FIELD);
  }

  /** For hub pages (after a BodyHandler): issues tokens on GET, rejects unsafe requests without a valid one. */
  public void pages(RoutingContext rc) {
    csrf.handle(rc);
  }

  /** For GET-only handlers outside {@code /hub/} that render a form (issues a token, checks nothing). */
  public void issueOnSafe(RoutingContext rc) {
    HttpMethod method = rc.request().method();
    if (method == HttpMethod.GET || method == HttpMethod.HEAD) {
      csrf.handle(rc);
    } else {
      rc.next();
    }
  }

  /**
   * For {@code /hub/api/*}: requests with an {@code Authorization} header are the API's business
   * (tokens are not sent automatically by browsers). A cookie-authenticated unsafe request must
   * carry the token in the {@link #FIELD} header; when it verifies, {@link HubApi#XSRF_VERIFIED} is set.
   */
  public void api(RoutingContext rc) {
    HttpMethod method = rc.request().method();
    boolean unsafe = method != HttpMethod.GET && method != HttpMethod.HEAD && method != HttpMethod.OPTIONS;
    if (!unsafe || rc.request().getHeader("Authorization") != null) {
      rc.next();
      return;
    }
    if (rc.request().getHeader(FIELD) == null) {
      rc.fail(new ShownError(403, "XSRF token missing: send the " + FIELD + " header, or use an API token."));
      return;
    }
    rc.put(CHECKED, Boolean.TRUE);
    csrf.handle(rc);
  }

  /** Follows {@link #api}: reached only when the check passed (a failed check ends the chain). */
  public static void markVerified(RoutingContext rc) {
    if (Boolean.TRUE.equals(rc.get(CHECKED))) {
      rc.put(HubApi.XSRF_VERIFIED, Boolean.TRUE);
    }
    rc.next();
  }
}
