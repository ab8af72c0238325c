package io.enjoy.gateway.api;

import io.enjoy.conf.bus.ServerKey;
import io.enjoy.gateway.state.HubServices;
import io.enjoy.gateway.state.Refusal;
import io.enjoy.gateway.state.UserRecord;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Reading users and reporting activity: {@code GET /user}, {@code GET /users/{name}}, {@code POST /users/{name}/activity}. */
final class UserHandlers {
  private final HubServices hub;
  private final Guard guard;
  private final UserModels models;

  UserHandlers(HubServices hub, Guard guard, UserModels models) {
    this.hub = hub;
    this.guard = guard;
    this.models = models;
  }

  /** Whoami: any valid credential may ask; a server token sees its own scopes only. */
  void whoami(RoutingContext rc) {
    ApiCaller caller = ApiAuth.caller(rc);
    models.one(caller, caller.user(), false)
        .onFailure(e -> ApiResponses.failure(rc, e))
        .onSuccess(model -> {
          if (caller.server() != null) {
            model.remove("servers");
            model.put("server", caller.server().id()).put("roles", new JsonArray(caller.roles()));
          }
          ApiResponses.json(rc, 200, model.put("scopes", new JsonArray(caller.scopes())));
        });
  }

  void get(RoutingContext rc) {
    String name = rc.pathParam("name");
    ApiCaller caller = ApiAuth.caller(rc);
    boolean includeStopped = rc.queryParams().contains("include_stopped_servers");
    guard.user(caller, "read:users", name)
        .compose(t -> existing(name))
        .compose(user -> models.one(caller, user, includeStopped))
        .onSuccess(model -> ApiResponses.json(rc, 200, model))
        .onFailure(e -> ApiResponses.failure(rc, e));
  }

  Future<UserRecord> existing(String name) {
    return hub.users().find(name).compose(found -> found
        .map(Future::succeededFuture)
        .orElseGet(() -> Future.failedFuture(new Refusal(404, "No such user: " + name))));
  }

  /** JupyterHub's activity body; every server named (or the default one) must be the caller's to report for. */
  void activity(RoutingContext rc) {
    String name = rc.pathParam("name");
    ApiCaller caller = ApiAuth.caller(rc);
    ApiRequests.body(rc)
        .map(body -> ActivityReport.parse(body, Instant.now()))
        .compose(report -> {
          List<String> servers = report.servers().isEmpty() ? List.of("") : List.copyOf(report.servers().keySet());
          return Future.all(servers.stream().map(s -> guard.server(caller, "users:activity", name, s)).toList())
              .compose(v -> existing(name))
              .compose(user -> {
                List<Future<Void>> writes = new ArrayList<>();
                if (report.lastActivity() != null) {
                  writes.add(hub.directory().recordActivity(name, report.lastActivity()));
                }
                for (Map.Entry<String, Instant> server : report.servers().entrySet()) {
                  writes.add(hub.servers().reportActivity(new ServerKey(name, server.getKey()), server.getValue()));
                }
                return Future.all(writes);
              });
        })
        .onSuccess(v -> ApiResponses.empty(rc, 200))
        .onFailure(e -> ApiResponses.failure(rc, e));
  }
}
