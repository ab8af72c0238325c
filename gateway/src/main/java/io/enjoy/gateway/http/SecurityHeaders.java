package io.enjoy.gateway.http;

import io.vertx.core.http.HttpServerResponse;

/**
 * Headers on every response the hub itself produces (never on proxied worker responses, whose
 * pages need their own policy): no framing, no inline script, no sniffing, HTTPS only.
 */
public final class SecurityHeaders {
  private SecurityHeaders() {}

  static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
      + "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

  public static void apply(HttpServerResponse response) {
    response.putHeader("Content-Security-Policy", CSP)
        .putHeader("X-Content-Type-Options", "nosniff")
        .putHeader("X-Frame-Options", "DENY")
        .putHeader("Referrer-Policy", "same-origin")
        .putHeader("Strict-Transport-Security", "max-age=31536000");
  }
}
