package io.enjoy.gateway.http;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;

/**
 * Refuses requests that another site made a browser send with the user's cookies, using the
 * {@code Sec-Fetch-*} headers browsers add to every request (ASVS 3.5.8, T2 d, T32). Allowed from
 * anywhere: top-level navigations by GET/HEAD (links, bookmarks, the identity provider's redirect
 * back). Refused when the request comes from another site ({@code cross-site}) or from a sibling
 * host ({@code same-site}, e.g. a user's subdomain): form posts, {@code fetch}, {@code <img>} and
 * {@code <script>} inclusion, WebSocket handshakes, and navigations inside a frame (a hidden
 * iframe must not start a login). This is the {@code no-cors} hole of GHSA-m68r-v472-jgq9 closed
 * for every path, {@code /user/} included; the XSRF token stays required on top of it.
 *
 * <p>The refusal is audited by {@link ErrorPages} like every 403. Requests without these headers (older browsers, scripts, curl) and requests carrying an
 * {@code Authorization} header (no ambient credential) pass on to the other checks.
 */
public final class FetchMetadataGuard {
  private FetchMetadataGuard() {}

  public static void handle(RoutingContext rc) {
    HttpServerRequest request = rc.request();
    String site = request.getHeader("Sec-Fetch-Site");
    if (site == null || request.getHeader("Authorization") != null || allowed(request, site)) {
      rc.next();
      return;
    }
    rc.fail(new ShownError(403, "This request came from another site and was refused. Open the hub directly and try again."));
  }

  static boolean allowed(HttpServerRequest request, String site) {
    if (site.equalsIgnoreCase("same-origin") || site.equalsIgnoreCase("none")) {
      return true;
    }
    HttpMethod method = request.method();
    String mode = request.getHeader("Sec-Fetch-Mode");
    String dest = request.getHeader("Sec-Fetch-Dest");
    boolean topLevelNavigation = "navigate".equalsIgnoreCase(mode) && (dest == null || "document".equalsIgnoreCase(dest));
    return topLevelNavigation && (method == HttpMethod.GET || method == HttpMethod.HEAD);
  }
}
