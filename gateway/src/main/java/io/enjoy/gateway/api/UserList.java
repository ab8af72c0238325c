package io.enjoy.gateway.api;

import io.enjoy.gateway.state.HubServices;
import io.enjoy.gateway.state.Page;
import io.enjoy.gateway.state.UserQuery;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code GET /users[?state=active|inactive|ready&name_filter&offset&limit&include_stopped_servers]}
 * as JupyterHub serves it to tools such as the upstream idle culler. Filtering and paging happen
 * in PostgreSQL; a caller with {@code list:users} filtered to a group (an instructor) sees that
 * group's members only.
 */
final class UserList {
  private final HubServices hub;
  private final UserModels models;

  UserList(HubServices hub, UserModels models) {
    this.hub = hub;
    this.models = models;
  }

  void handle(RoutingContext rc) {
    ApiCaller caller = ApiAuth.caller(rc);
    if (caller.visibility("list:users", false).stream().anyMatch(v -> !v.all() && v.users().isEmpty() && v.groups().isEmpty())) {
      ApiResponses.error(rc, 403, ApiResponses.forbidden(caller, "list:users", "listing users").getMessage());
      return;
    }
    Paging paging;
    UserQuery query;
    try {
      paging = Paging.of(rc);
      String state = rc.queryParams().get("state");
      query = new UserQuery(rc.queryParams().get("name_filter"), state == null || state.isEmpty() ? null : state,
          caller.visibility("list:users", false), paging.offset(), paging.limit());
    } catch (IllegalArgumentException e) {
      ApiResponses.error(rc, 400, e.getMessage());
      return;
    }
    boolean includeStopped = rc.queryParams().contains("include_stopped_servers");
    hub.directory().listing(query)
        .compose(page -> models.listed(caller, page.items(), includeStopped).map(items -> new Page<>(items, page.total())))
        .onSuccess(page -> paging.respond(rc, page))
        .onFailure(e -> ApiResponses.failure(rc, e));
  }
}
