package io.enjoy.gateway.api;

import io.enjoy.gateway.state.TokenService;
import io.enjoy.gateway.state.UserRecord;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import java.util.Locale;
import java.util.Set;

/**
 * Finds the {@link ApiCaller}: an {@code Authorization: token|Bearer} API token, else the
 * session principal {@link HubApi#SESSION_USER}, whose state-changing requests also need
 * {@link HubApi#XSRF_VERIFIED}. Puts it on the context under {@link #CALLER}.
 */
final class ApiAuth {
  static final String CALLER = "enjoy.api.caller";
  private static final Set<HttpMethod> SAFE = Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS);

  private final TokenService tokens;

  ApiAuth(TokenService tokens) {
    this.tokens = tokens;
  }

  void handle(RoutingContext rc) {
    String header = rc.request().getHeader("Authorization");
    if (header != null) {
      String token = tokenFrom(header);
      if (token == null) {
        ApiResponses.error(rc, 403, "The Authorization header must be 'token <api token>' or 'Bearer <api token>'");
        return;
      }
      tokens.authenticate(token).onComplete(ar -> {
        if (ar.failed()) {
          ApiResponses.failure(rc, ar.cause());
        } else if (ar.result().isEmpty()) {
          ApiResponses.error(rc, 403, "Invalid or expired API token");
        } else {
          rc.put(CALLER, new ApiCaller(ar.result().get().user(), ar.result().get().server()));
          rc.next();
        }
      });
      return;
    }
    Object sessionUser = rc.get(HubApi.SESSION_USER);
    if (sessionUser instanceof UserRecord user) {
      if (!SAFE.contains(rc.request().method()) && !Boolean.TRUE.equals(rc.get(HubApi.XSRF_VERIFIED))) {
        ApiResponses.error(rc, 403, "XSRF check failed: a state-changing request with the session cookie needs the XSRF token");
        return;
      }
      rc.put(CALLER, new ApiCaller(user, null));
      rc.next();
      return;
    }
    ApiResponses.error(rc, 403, "Missing credentials: send 'Authorization: token <api token>' or log in");
  }

  static String tokenFrom(String header) {
    String[] parts = header.trim().split("\\s+", 2);
    if (parts.length != 2) {
      return null;
    }
    String scheme = parts[0].toLowerCase(Locale.ROOT);
    return scheme.equals("token") || scheme.equals("bearer") ? parts[1].trim() : null;
  }

  static ApiCaller caller(RoutingContext rc) {
    return rc.get(CALLER);
  }
}
