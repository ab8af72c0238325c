package io.enjoy.gateway.api;

import io.enjoy.gateway.state.HubServices;
import io.enjoy.gateway.state.Refusal;
import io.enjoy.gateway.state.TokenRecord;
import io.enjoy.gateway.state.UserRecord;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * {@code GET/POST /users/{name}/tokens} and {@code GET/DELETE /users/{name}/tokens/{token_id}}.
 * A new token gets at most what both its creator and its owner hold: every requested scope must
 * be covered by the caller (through its own token, too) and by the owner's roles; a token
 * without scopes inherits its owner's rights, so it may only be made by a caller holding all of
 * them. The token is shown once, in the 201 answer.
 */
final class TokenHandlers {
  private final HubServices hub;
  private final Guard guard;
  private final UserHandlers users;

  TokenHandlers(HubServices hub, Guard guard, UserHandlers users) {
    this.hub = hub;
    this.guard = guard;
    this.users = users;
  }

  void list(RoutingContext rc) {
    ApiCaller caller = ApiAuth.caller(rc);
    String name = rc.pathParam("name");
    guard.user(caller, "read:tokens", name)
        .compose(t -> users.existing(name))
        .compose(user -> hub.tokens().list(name))
        .onSuccess(tokens -> ApiResponses.json(rc, 200,
            new JsonObject().put("api_tokens", new JsonArray(tokens.stream().map(TokenHandlers::model).toList()))))
        .onFailure(e -> ApiResponses.failure(rc, e));
  }

  void get(RoutingContext rc) {
    ApiCaller caller = ApiAuth.caller(rc);
    String name = rc.pathParam("name");
    guard.user(caller, "read:tokens", name)
        .compose(t -> found(name, rc.pathParam("token_id")))
        .onSuccess(token -> ApiResponses.json(rc, 200, model(token)))
        .onFailure(e -> ApiResponses.failure(rc, e));
  }

  void delete(RoutingContext rc) {
    ApiCaller caller = ApiAuth.caller(rc);
    String name = rc.pathParam("name");
    guard.user(caller, "tokens", name)
        .compose(t -> found(name, rc.pathParam("token_id")))
        .compose(token -> hub.tokens().revoke(name, token.id()))
        .onSuccess(v -> ApiResponses.empty(rc, 204))
        .onFailure(e -> ApiResponses.failure(rc, e));
  }

  private Future<TokenRecord> found(String user, String publicId) {
    long id;
    try {
      id = publicId.startsWith("a") ? Long.parseLong(publicId.substring(1)) : -1;
    } catch (NumberFormatException e) {
      id = -1;
    }
    return hub.tokens().find(user, id).compose(token -> token
        .map(Future::succeededFuture)
        .orElseGet(() -> Future.failedFuture(new Refusal(404, "No such token: " + publicId + " of user " + user))));
  }

  /** {@code POST /users/{name}/tokens {"note", "expires_in", "scopes"}} → 201 with the token model and {@code token}. */
  void create(RoutingContext rc) {
    ApiCaller caller = ApiAuth.caller(rc);
    String name = rc.pathParam("name");
    guard.user(caller, "tokens", name)
        .compose(t -> users.existing(name))
        .compose(owner -> ApiRequests.body(rc).compose(body -> {
          TokenRequest request = TokenRequest.parse(body, name);
          return permitted(caller, owner, request.scopes())
              .compose(v -> hub.tokens().issue(name, request.note(), request.expiresIn(), request.scopes().stream().map(Scope::toString).toList()));
        }))
        .onSuccess(issued -> ApiResponses.json(rc, 201, model(issued.record()).put("token", issued.token())))
        .onFailure(e -> ApiResponses.failure(rc, e));
  }

  /** Refuses (403, naming them) scopes the caller or the owner does not hold. Empty = inherit everything the owner holds. */
  private Future<Void> permitted(ApiCaller caller, UserRecord owner, List<Scope> requested) {
    return hub.groups().instructs(owner.name()).compose(instructs -> {
      Grants ownerRole = Roles.forUser(owner, instructs);
      List<Scope> wanted = requested.isEmpty() ? ownerRole.scopes() : requested;
      List<String> filterUsers = wanted.stream().map(Scope::filterUser).filter(Objects::nonNull).distinct().toList();
      return hub.groups().groupsOf(filterUsers).compose(groups -> {
        List<String> notHeld = new ArrayList<>();
        for (Scope scope : wanted) {
          List<String> userGroups = groupsOf(groups, scope);
          if (!caller.covers(scope, userGroups) || !ownerRole.covers(scope, userGroups)) {
            notHeld.add(scope.toString());
          }
        }
        if (notHeld.isEmpty()) {
          return Future.succeededFuture();
        }
        String what = requested.isEmpty() ? "a token with all of " + owner.name() + "'s rights" : "scopes " + String.join(", ", notHeld);
        return Future.failedFuture(new Refusal(403, "Not assigning " + what + ": not held by "
            + (caller.user().name().equals(owner.name()) ? "the requester" : "both the requester and " + owner.name())
            + " (missing: " + String.join(", ", notHeld) + ")"));
      });
    });
  }

  private static List<String> groupsOf(Map<String, List<String>> groups, Scope scope) {
    return scope.filterUser() == null ? List.of() : groups.getOrDefault(scope.filterUser(), List.of());
  }

  static JsonObject model(TokenRecord token) {
    return new JsonObject()
        .put("kind", "api_token")
        .put("id", token.publicId())
        .put("user", token.user())
        .put("note", token.note())
        .put("scopes", new JsonArray(token.scopes().isEmpty() ? List.of("inherit") : token.scopes()))
        .put("roles", new JsonArray())
        .put("created", text(token.created()))
        .put("expires_at", text(token.expires()))
        .put("last_activity", text(token.lastActivity()))
        .put("session_id", null);
  }

  private static String text(Object value) {
    return value == null ? null : value.toString();
  }

  /** A token request's fields, validated. */
  record TokenRequest(String note, Duration expiresIn, List<Scope> scopes) {
    static TokenRequest parse(JsonObject body, String owner) {
      JsonObject b = body == null ? new JsonObject() : body;
      Object note = b.getValue("note");
      if (note != null && !(note instanceof String)) {
        throw new IllegalArgumentException("note must be a string");
      }
      Object expires = b.getValue("expires_in");
      if (expires != null && (!(expires instanceof Number n) || n.doubleValue() < 0 || n.doubleValue() != Math.floor(n.doubleValue()))) {
        throw new IllegalArgumentException("expires_in must be a whole number of seconds >= 0 (0 or null = never), not " + expires);
      }
      if (!ApiRequests.strings(b, "roles").isEmpty()) {
        throw new IllegalArgumentException("Assigning roles to tokens is not supported; request scopes instead");
      }
      List<String> texts = ApiRequests.strings(b, "scopes");
      List<Scope> scopes = texts.contains("inherit") && texts.size() == 1 ? List.of()
          : texts.stream().map(text -> Scope.parse(text, owner)).toList();
      Duration expiresIn = expires == null ? null : Duration.ofSeconds(((Number) expires).longValue());
      return new TokenRequest(note == null ? "Requested via api" : (String) note, expiresIn, scopes);
    }
  }
}
