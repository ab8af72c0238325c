package io.enjoy.gateway.api;

import io.enjoy.gateway.servers.ServerView;
import io.enjoy.gateway.state.HubServices;
import io.enjoy.gateway.state.ListedUser;
import io.enjoy.gateway.state.UserRecord;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * JupyterHub's user model for a batch of users with three queries however many there are
 * (servers, groups, instructor roles), so a page of 200 users is not 600 round trips; for the
 * user list, whose page query brings groups and roles along, with one (servers).
 * {@code servers} appears only where the caller may read them; {@code state} only for admins.
 */
final class UserModels {
  private final HubServices hub;

  UserModels(HubServices hub) {
    this.hub = hub;
  }

  Future<JsonObject> one(ApiCaller caller, UserRecord user, boolean includeStopped) {
    return of(caller, List.of(user), includeStopped).map(models -> models.get(0));
  }

  Future<List<JsonObject>> of(ApiCaller caller, List<UserRecord> users, boolean includeStopped) {
    List<String> names = users.stream().map(UserRecord::name).toList();
    Future<Map<String, List<String>>> groups = hub.groups().groupsOf(names);
    Future<Map<String, List<String>>> instructs = hub.groups().instructorOf(names);
    return Future.all(groups, instructs).compose(v -> listed(caller, users.stream()
        .map(user -> new ListedUser(user, groups.result().getOrDefault(user.name(), List.of()),
            instructs.result().getOrDefault(user.name(), List.of())))
        .toList(), includeStopped));
  }

  /** Models of users whose groups came with them (the user list's page): one more query, for the servers. */
  Future<List<JsonObject>> listed(ApiCaller caller, List<ListedUser> users, boolean includeStopped) {
    boolean withState = caller.allowsEverywhere("admin:server_state");
    return hub.servers().serversOf(users.stream().map(u -> u.user().name()).toList()).map(servers -> {
      List<JsonObject> models = new ArrayList<>();
      for (ListedUser listed : users) {
        UserRecord user = listed.user();
        boolean readServers = caller.allows("read:servers", Target.user(user.name(), listed.groups()));
        models.add(model(user, listed.groups(), listed.instructs(),
            readServers ? servers.getOrDefault(user.name(), List.of()) : null, includeStopped, withState));
      }
      return models;
    });
  }

  private static JsonObject model(UserRecord user, List<String> groups, List<String> instructs, List<ServerView> servers,
      boolean includeStopped, boolean withState) {
    ServerView defaultServer = servers == null ? null
        : servers.stream().filter(s -> s.name().isEmpty()).findFirst().orElse(null);
    JsonObject model = new JsonObject()
        .put("kind", "user")
        .put("name", user.name())
        .put("admin", user.admin())
        .put("roles", new JsonArray(Roles.names(user, instructs)))
        .put("groups", new JsonArray(groups))
        .put("server", defaultServer != null && defaultServer.ready() ? defaultServer.url() : null)
        .put("pending", defaultServer == null ? null : defaultServer.pending())
        .put("created", text(user.created()))
        .put("last_activity", text(user.lastActivity()));
    if (servers != null) {
      JsonObject dict = new JsonObject();
      servers.stream().filter(s -> includeStopped || !s.stopped()).forEach(s -> dict.put(s.name(), s.toJson(withState)));
      model.put("servers", dict);
    }
    return model;
  }

  private static String text(Object value) {
    return value == null ? null : value.toString();
  }
}
