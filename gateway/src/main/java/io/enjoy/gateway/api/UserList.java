package io.enjoy.gateway.api;

import io.enjoy.gateway.state.HubServices;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.function.Predicate;

/**
 * {@code GET /users[?state=active|inactive|ready&offset&limit]} for admins, as JupyterHub serves
 * it to tools such as the upstream idle culler: a JSON array, or with
 * {@code Accept: application/jupyterhub-pagination+json} an object with {@code items} and
 * {@code _pagination}.
 */
final class UserList {
  static final int DEFAULT_LIMIT = 50;
  static final int MAX_LIMIT = 200;
  private static final String PAGINATION = "application/jupyterhub-pagination+json";

  private final HubServices hub;
  private final UserHandlers users;

  UserList(HubServices hub, UserHandlers users) {
    this.hub = hub;
    this.users = users;
  }

  void handle(RoutingContext rc) {
    ApiCaller caller = ApiAuth.caller(rc);
    if (!caller.admin()) {
      ApiResponses.error(rc, 403, caller.describe() + " may not list users");
      return;
    }
    Predicate<JsonObject> filter;
    try {
      filter = stateFilter(rc.queryParams().get("state"));
    } catch (IllegalArgumentException e) {
      ApiResponses.error(rc, 400, e.getMessage());
      return;
    }
    int offset = intParam(rc, "offset", 0);
    int limit = Math.min(MAX_LIMIT, intParam(rc, "limit", DEFAULT_LIMIT));
    if (offset < 0 || limit < 1) {
      ApiResponses.error(rc, 400, "offset must be >= 0 and limit >= 1");
      return;
    }
    boolean includeStopped = rc.queryParams().contains("include_stopped_servers");
    hub.users().list(0, Integer.MAX_VALUE)
        .compose(all -> Future.all(all.stream().map(u -> users.userModel(u, includeStopped, true)).toList()))
        .onFailure(e -> ApiResponses.failure(rc, e))
        .onSuccess(models -> {
          List<JsonObject> matching = models.<JsonObject>list().stream().filter(filter).toList();
          List<JsonObject> page = matching.subList(Math.min(offset, matching.size()), Math.min(offset + limit, matching.size()));
          String accept = rc.request().getHeader("Accept");
          if (accept != null && accept.contains(PAGINATION)) {
            boolean more = offset + limit < matching.size();
            JsonObject pagination = new JsonObject().put("offset", offset).put("limit", limit).put("total", matching.size())
                .put("next", more ? new JsonObject().put("offset", offset + limit).put("limit", limit)
                    .put("url", rc.request().path() + "?offset=" + (offset + limit) + "&limit=" + limit) : null);
            rc.response().putHeader("Content-Type", PAGINATION);
            rc.response().setStatusCode(200).end(new JsonObject().put("items", new JsonArray(page)).put("_pagination", pagination).encode());
          } else {
            rc.response().putHeader("Content-Type", "application/json").setStatusCode(200).end(new JsonArray(page).encode());
          }
        });
  }

  private static Predicate<JsonObject> stateFilter(String state) {
    if (state == null || state.isEmpty()) {
      return model -> true;
    }
    return switch (state) {
      case "active" -> UserList::anyActive;
      case "inactive" -> model -> !anyActive(model);
      case "ready" -> model -> servers(model).stream().anyMatch(s -> s.getBoolean("ready", false));
      default -> throw new IllegalArgumentException("state must be active, inactive or ready, not '" + state + "'");
    };
  }

  private static boolean anyActive(JsonObject model) {
    return servers(model).stream().anyMatch(s -> s.getBoolean("ready", false) || s.getString("pending") != null);
  }

  private static List<JsonObject> servers(JsonObject model) {
    JsonObject servers = model.getJsonObject("servers", new JsonObject());
    return servers.fieldNames().stream().map(servers::getJsonObject).toList();
  }

  private static int intParam(RoutingContext rc, String name, int fallback) {
    String value = rc.queryParams().get(name);
    try {
      return value == null ? fallback : Integer.parseInt(value);
    } catch (NumberFormatException e) {
      return -1;
    }
  }
}
