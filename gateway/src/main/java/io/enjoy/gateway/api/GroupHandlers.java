package io.enjoy.gateway.api;

import io.enjoy.gateway.state.GroupRecord;
import io.enjoy.gateway.state.HubServices;
import io.enjoy.gateway.state.Page;
import io.enjoy.gateway.state.Refusal;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code /groups}: list, read, create, delete, add and remove members (JupyterHub's paths and
 * scopes), plus EnJoY's {@code POST/DELETE /groups/{name}/instructors}, which grants or takes
 * the instructor role over the group. Granting it widens what someone may do to other users'
 * servers, so only a full admin may.
 */
final class GroupHandlers {
  private final HubServices hub;
  private final Guard guard;

  GroupHandlers(HubServices hub, Guard guard) {
    this.hub = hub;
    this.guard = guard;
  }

  void list(RoutingContext rc) {
    ApiCaller caller = ApiAuth.caller(rc);
    Paging paging;
    try {
      paging = Paging.of(rc);
    } catch (IllegalArgumentException e) {
      ApiResponses.error(rc, 400, e.getMessage());
      return;
    }
    hub.groups().list(caller.visibility("list:groups", true), paging.offset(), paging.limit())
        .onSuccess(page -> paging.respond(rc, new Page<>(page.items().stream().map(GroupHandlers::model).toList(), page.total())))
        .onFailure(e -> ApiResponses.failure(rc, e));
  }

  void get(RoutingContext rc) {
    String name = rc.pathParam("name");
    guard.group(ApiAuth.caller(rc), "read:groups", name)
        .compose(t -> existing(name))
        .onSuccess(group -> ApiResponses.json(rc, 200, model(group)))
        .onFailure(e -> ApiResponses.failure(rc, e));
  }

  /** {@code POST /groups/{name} {"users": [...]}} → 201; 409 if it exists. */
  void createOne(RoutingContext rc) {
    String name = rc.pathParam("name");
    requireEverywhere(ApiAuth.caller(rc), "admin:groups", "creating groups")
        .compose(v -> ApiRequests.body(rc))
        .compose(body -> hub.groups().create(name, ApiRequests.strings(body, "users")))
        .onSuccess(group -> ApiResponses.json(rc, 201, model(group)))
        .onFailure(e -> ApiResponses.failure(rc, e));
  }

  /** {@code POST /groups {"groups": [...]}} → 201 with the groups; 409 (creating none) if one exists. */
  void createMany(RoutingContext rc) {
    requireEverywhere(ApiAuth.caller(rc), "admin:groups", "creating groups")
        .compose(v -> ApiRequests.body(rc))
        .compose(body -> {
          List<String> names = ApiRequests.strings(body, "groups");
          if (names.isEmpty()) {
            throw new IllegalArgumentException("Give the groups to create as {\"groups\": [...]}");
          }
          return Future.all(names.stream().map(hub.groups()::find).toList()).compose(found -> {
            List<String> taken = new ArrayList<>();
            for (int i = 0; i < names.size(); i++) {
              if (found.<java.util.Optional<GroupRecord>>resultAt(i).isPresent()) {
                taken.add(names.get(i));
              }
            }
            if (!taken.isEmpty()) {
              return Future.failedFuture(new Refusal(409, "Groups already exist: " + String.join(", ", taken)));
            }
            Future<List<JsonObject>> created = Future.succeededFuture(new ArrayList<>());
            for (String name : names) {
              created = created.compose(list -> hub.groups().create(name, List.of()).map(g -> {
                list.add(model(g));
                return list;
              }));
            }
            return created;
          });
        })
        .onSuccess(groups -> ApiResponses.json(rc, 201, new JsonArray(groups)))
        .onFailure(e -> ApiResponses.failure(rc, e));
  }

  void delete(RoutingContext rc) {
    String name = rc.pathParam("name");
    guard.group(ApiAuth.caller(rc), "delete:groups", name)
        .compose(t -> hub.groups().delete(name))
        .compose(deleted -> deleted ? Future.<Void>succeededFuture() : Future.failedFuture(new Refusal(404, "No such group: " + name)))
        .onSuccess(v -> ApiResponses.empty(rc, 204))
        .onFailure(e -> ApiResponses.failure(rc, e));
  }

  void addMembers(RoutingContext rc) {
    changeMembers(rc, true);
  }

  void removeMembers(RoutingContext rc) {
    changeMembers(rc, false);
  }

  private void changeMembers(RoutingContext rc, boolean add) {
    String name = rc.pathParam("name");
    ApiCaller caller = ApiAuth.caller(rc);
    guard.group(caller, "groups", name)
        .compose(t -> existing(name))
        .compose(group -> holdsWhatTheGroupCarries(caller, group))
        .compose(v -> ApiRequests.body(rc))
        .compose(body -> {
          List<String> users = usersOf(body);
          return add ? hub.groups().addMembers(name, users) : hub.groups().removeMembers(name, users);
        })
        .onSuccess(group -> ApiResponses.json(rc, 200, model(group)))
        .onFailure(e -> ApiResponses.failure(rc, e));
  }

  /**
   * H-22: a group with instructors carries their role over its members, so changing its
   * membership changes whose servers they reach; only a caller holding that role's scopes over
   * the group may do it (JupyterHub only documents this risk).
   */
  private static Future<Void> holdsWhatTheGroupCarries(ApiCaller caller, GroupRecord group) {
    if (group.instructors().isEmpty()) {
      return Future.succeededFuture();
    }
    List<String> missing = Roles.instructorScopes(group.name()).stream()
        .filter(scope -> !caller.covers(scope, List.of()))
        .map(Scope::toString)
        .toList();
    return missing.isEmpty() ? Future.succeededFuture() : Future.failedFuture(new Refusal(403, "Group " + group.name()
        + " carries the instructor role of " + String.join(", ", group.instructors()) + "; changing its members needs "
        + String.join(", ", missing) + ", which " + caller.describe() + " does not hold"));
  }

  void addInstructors(RoutingContext rc) {
    changeInstructors(rc, true);
  }

  void removeInstructors(RoutingContext rc) {
    changeInstructors(rc, false);
  }

  private void changeInstructors(RoutingContext rc, boolean add) {
    String name = rc.pathParam("name");
    ApiCaller caller = ApiAuth.caller(rc);
    Future<Void> allowed = caller.admin() && caller.allowsEverywhere("admin:groups") && caller.allowsEverywhere("admin:servers")
        ? Future.succeededFuture()
        : Future.failedFuture(new Refusal(403, "Only admins may grant or take the instructor role; " + caller.describe() + " may not"));
    allowed.compose(v -> ApiRequests.body(rc))
        .compose(body -> {
          List<String> users = usersOf(body);
          return add ? hub.groups().addInstructors(name, users) : hub.groups().removeInstructors(name, users);
        })
        .onSuccess(group -> ApiResponses.json(rc, 200, model(group)))
        .onFailure(e -> ApiResponses.failure(rc, e));
  }

  private static List<String> usersOf(JsonObject body) {
    List<String> users = ApiRequests.strings(body, "users");
    if (users.isEmpty()) {
      throw new IllegalArgumentException("Give the users as {\"users\": [...]}");
    }
    return users;
  }

  private Future<GroupRecord> existing(String name) {
    return hub.groups().find(name).compose(found -> found
        .map(Future::succeededFuture)
        .orElseGet(() -> Future.failedFuture(new Refusal(404, "No such group: " + name))));
  }

  private static Future<Void> requireEverywhere(ApiCaller caller, String scope, String what) {
    return caller.allowsEverywhere(scope) ? Future.succeededFuture() : Future.failedFuture(ApiResponses.forbidden(caller, scope, what));
  }

  static JsonObject model(GroupRecord group) {
    return new JsonObject()
        .put("kind", "group")
        .put("name", group.name())
        .put("users", new JsonArray(group.users()))
        .put("instructors", new JsonArray(group.instructors()))
        .put("roles", new JsonArray())
        .put("properties", new JsonObject());
  }
}
