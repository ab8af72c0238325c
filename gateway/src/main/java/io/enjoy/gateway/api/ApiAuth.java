package io.enjoy.gateway.api;

import io.enjoy.gateway.state.HubServices;
import io.enjoy.gateway.state.TokenOwner;
import io.enjoy.gateway.state.UserRecord;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
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

  private final HubServices hub;

  ApiAuth(HubServices hub) {
    this.hub = hub;
  }

  void handle(RoutingContext rc) {
    String header = rc.request().getHeader("Authorization");
    if (header != null) {
      String token = tokenFrom(header);
      if (token == null) {
        ApiResponses.error(rc, 403, "The Authorization header must be 'token <api token>' or 'Bearer <api token>'");
        return;
      }
      hub.tokens().authenticate(token).map(found -> found.map(ApiAuth::callerFor).orElse(null))
          .onFailure(e -> ApiResponses.failure(rc, e))
          .onSuccess(caller -> {
            if (caller == null) {
              ApiResponses.error(rc, 403, "Invalid or expired API token");
            } else {
              rc.put(CALLER, caller);
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
      hub.groups().instructs(user.name()).onFailure(e -> ApiResponses.failure(rc, e)).onSuccess(instructs -> {
        rc.put(CALLER, ApiCaller.forUser(user, instructs, null));
        rc.next();
      });
      return;
    }
    ApiResponses.error(rc, 403, "Missing credentials: send 'Authorization: token <api token>' or log in");
  }

  /** The token's owner comes with the groups they instruct (read in the same query as the token). */
  static ApiCaller callerFor(TokenOwner owner) {
    if (owner.isServerToken()) {
      return ApiCaller.forServer(owner.user(), owner.server());
    }
    Grants token = owner.scopes().isEmpty() ? null : new Grants(parseStored(owner.scopes(), owner.user().name()));
    return ApiCaller.forUser(owner.user(), owner.instructs(), token);
  }

  /** Stored scopes were validated when the token was made; one that no longer parses grants nothing. */
  private static List<Scope> parseStored(List<String> scopes, String owner) {
    return scopes.stream().<Scope>mapMulti((text, out) -> {
      try {
        out.accept(Scope.parse(text, owner));
      } catch (IllegalArgumentException ignored) {
        // a scope this build no longer knows: dropping it can only narrow the token
      }
    }).toList();
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
