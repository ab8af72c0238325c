package io.enjoy.gateway.http;

import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;

/**
 * The hub's response headers. {@link #apply} gives hub pages their full policy (no framing, no
 * inline script, no plugins); {@link #everyResponse} runs first on every request and, when the
 * headers go out, makes sure that every response, including redirects, API JSON, errors and
 * proxied worker responses, carries HSTS, {@code nosniff}, a same-origin Referer policy and a
 * ban on framing (T6, T9c, T32, T38).
 */
public final class SecurityHeaders {
  private SecurityHeaders() {}

  static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
      + "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";
  /** Added beside a worker's own policy: browsers enforce every CSP header, so this only tightens it. */
  static final String NO_FRAMING = "frame-ancestors 'none'";
  /** One year, as ASVS 3.4.1 asks. */
  static final String HSTS = "max-age=31536000";

  public static void apply(HttpServerResponse response) {
    response.putHeader("Content-Security-Policy", CSP)
        .putHeader("X-Content-Type-Options", "nosniff")
        .putHeader("X-Frame-Options", "DENY")
        .putHeader("Referrer-Policy", "same-origin")
        .putHeader("Strict-Transport-Security", HSTS);
  }

  /** Router-wide, mounted first. */
  public static void everyResponse(RoutingContext rc) {
    boolean proxied = rc.normalizedPath().startsWith("/user/");
    rc.addHeadersEndHandler(v -> complete(rc.response().headers(), proxied));
    rc.next();
  }

  static void complete(MultiMap headers, boolean userServer) {
    headers.set("Strict-Transport-Security", HSTS)
        .set("X-Content-Type-Options", "nosniff")
        .set("Referrer-Policy", "same-origin")
        .set("X-Frame-Options", "DENY");
    if (userServer) {
      // the worker decides its own CSP; the hub adds the framing ban and keeps other sites from
      // embedding a user's files with <img>/<script> (the browser still sends the cookie there)
      if (!headers.getAll("Content-Security-Policy").contains(NO_FRAMING)) {
        headers.add("Content-Security-Policy", NO_FRAMING);
      }
      headers.set("Cross-Origin-Resource-Policy", "same-origin");
    } else if (!headers.contains("Content-Security-Policy")) {
      headers.set("Content-Security-Policy", CSP);
    }
  }
}
