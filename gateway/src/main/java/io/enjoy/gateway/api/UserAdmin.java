package io.enjoy.gateway.api;

import io.enjoy.conf.bus.ServerKey;
import io.enjoy.gateway.state.HubServices;
import io.enjoy.gateway.state.Refusal;
import io.enjoy.gateway.state.UserRecord;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.ext.web.RoutingContext;
import java.util.List;

/**
 * Creating, changing and deleting users: {@code POST /users}, {@code POST/PATCH/DELETE /users/{name}}.
 * Only a caller holding {@code admin:users} hub-wide may grant or take the admin flag (the
 * CVE-2024-41942 lesson: nobody else may touch it, not even on themselves).
 */
final class UserAdmin {
  private final HubServices hub;
  private final Guard guard;
  private final UserModels models;
  private final UserHandlers users;

  UserAdmin(HubServices hub, Guard guard, UserModels models, UserHandlers users) {
    this.hub = hub;
    this.guard = guard;
    this.models = models;
    this.users = users;
  }

  /** {@code POST /users {"usernames": [...], "admin": bool}} → 201 with the created users; 409 if all existed. */
  void createMany(RoutingContext rc) {
    ApiCaller caller = ApiAuth.caller(rc);
    ApiRequests.body(rc).compose(body -> {
      List<String> names = ApiRequests.strings(body, "usernames");
      boolean admin = ApiRequests.flag(body, "admin", false);
      if (names.isEmpty()) {
        throw new IllegalArgumentException("Give the users to create as {\"usernames\": [...]}");
      }
      return create(caller, names, admin).compose(created -> created.isEmpty()
          ? Future.failedFuture(new Refusal(409, "All " + names.size() + " users already exist"))
          : models.of(caller, created, false));
    }).onSuccess(created -> ApiResponses.json(rc, 201, new JsonArray(created))).onFailure(e -> ApiResponses.failure(rc, e));
  }

  /** {@code POST /users/{name} {"admin": bool}} → 201; 409 if the user exists. */
  void createOne(RoutingContext rc) {
    ApiCaller caller = ApiAuth.caller(rc);
    String name = rc.pathParam("name");
    ApiRequests.body(rc)
        .compose(body -> create(caller, List.of(name), ApiRequests.flag(body, "admin", false)))
        .compose(created -> created.isEmpty()
            ? Future.failedFuture(new Refusal(409, "User " + name + " already exists"))
            : models.one(caller, created.get(0), false))
        .onSuccess(model -> ApiResponses.json(rc, 201, model))
        .onFailure(e -> ApiResponses.failure(rc, e));
  }

  private Future<List<UserRecord>> create(ApiCaller caller, List<String> names, boolean admin) {
    if (!caller.allowsEverywhere("admin:users")) {
      return Future.failedFuture(ApiResponses.forbidden(caller, "admin:users", "creating users"));
    }
    return hub.directory().create(names, admin);
  }

  /** {@code PATCH /users/{name} {"admin": bool}} → 200 with the user model. */
  void patch(RoutingContext rc) {
    ApiCaller caller = ApiAuth.caller(rc);
    String name = rc.pathParam("name");
    ApiRequests.body(rc).compose(body -> {
      if (body == null) {
        throw new IllegalArgumentException("Give the changes as a JSON object, e.g. {\"admin\": true}");
      }
      for (String field : body.fieldNames()) {
        if (!field.equals("admin")) {
          throw new IllegalArgumentException("Cannot change '" + field + "' of a user; only admin can be changed");
        }
      }
      return guard.user(caller, "admin:users", name)
          .compose(t -> users.existing(name))
          .compose(user -> !body.containsKey("admin") ? Future.succeededFuture(user) : setAdmin(caller, user, ApiRequests.flag(body, "admin", false)));
    }).compose(user -> models.one(caller, user, false))
        .onSuccess(model -> ApiResponses.json(rc, 200, model))
        .onFailure(e -> ApiResponses.failure(rc, e));
  }

  private Future<UserRecord> setAdmin(ApiCaller caller, UserRecord user, boolean admin) {
    if (user.admin() == admin) {
      return Future.succeededFuture(user);
    }
    if (!caller.admin()) {
      return Future.failedFuture(new Refusal(403, "Only admins may change the admin flag; " + caller.describe() + " is not one"));
    }
    return hub.directory().setAdmin(user.name(), admin);
  }

  /** {@code DELETE /users/{name}} → 204; running servers are stopped first. */
  void delete(RoutingContext rc) {
    ApiCaller caller = ApiAuth.caller(rc);
    String name = rc.pathParam("name");
    if (caller.server() == null && caller.user().name().equals(name)) {
      ApiResponses.error(rc, 400, "You cannot delete yourself");
      return;
    }
    guard.user(caller, "delete:users", name)
        .compose(t -> users.existing(name))
        .compose(user -> hub.servers().serversOf(List.of(name)))
        .compose(servers -> Future.all(servers.get(name).stream().filter(s -> !s.stopped())
            .map(s -> hub.servers().stop(new ServerKey(name, s.name()), "user deleted by " + caller.describe())).toList()))
        .compose(v -> hub.directory().delete(name))
        .onSuccess(deleted -> ApiResponses.empty(rc, 204))
        .onFailure(e -> ApiResponses.failure(rc, e));
  }
}
