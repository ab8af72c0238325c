package io.enjoy.gateway.api;

import io.enjoy.conf.bus.ServerKey;
import io.enjoy.gateway.servers.ServerView;
import io.enjoy.gateway.state.HubServices;
import io.enjoy.gateway.state.UserRecord;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/** The {@code /users/...} endpoints of {@link HubApi}. */
final class UserHandlers {
  private final Vertx vertx;
  private final HubServices hub;
  private final Duration slowSpawn;

  UserHandlers(Vertx vertx, HubServices hub, Duration slowSpawn) {
    this.vertx = vertx;
    this.hub = hub;
    this.slowSpawn = slowSpawn;
  }

  void whoami(RoutingContext rc) {
    ApiCaller caller = ApiAuth.caller(rc);
    userModel(caller.user(), false, caller.admin()).onComplete(ar -> {
      if (ar.failed()) {
        ApiResponses.failure(rc, ar.cause());
        return;
      }
      JsonArray scopes = new JsonArray();
      if (caller.server() != null) {
        scopes.add("users:activity!user=" + caller.user().name()).add("access:servers!server=" + caller.server().id());
      } else {
        scopes.add(caller.admin() ? "admin:users" : "self");
      }
      ApiResponses.json(rc, 200, ar.result().put("scopes", scopes));
    });
  }

  void get(RoutingContext rc) {
    String name = rc.pathParam("name");
    ApiCaller caller = ApiAuth.caller(rc);
    if (!caller.mayActOn(name)) {
      ApiResponses.error(rc, 403, caller.describe() + " may not read user " + name);
      return;
    }
    boolean includeStopped = rc.queryParams().contains("include_stopped_servers");
    hub.users().find(name).compose(found -> found.isEmpty()
            ? Future.succeededFuture((JsonObject) null)
            : userModel(found.get(), includeStopped, caller.admin()))
        .onSuccess(model -> {
          if (model == null) {
            ApiResponses.error(rc, 404, "No such user: " + name);
          } else {
            ApiResponses.json(rc, 200, model);
          }
        })
        .onFailure(e -> ApiResponses.failure(rc, e));
  }

  /** JupyterHub's user model; the {@code servers} dict holds active servers (or all, on request). */
  Future<JsonObject> userModel(UserRecord user, boolean includeStopped, boolean withState) {
    return hub.servers().status(ServerKey.defaultServer(user.name())).map(server -> {
      JsonObject servers = new JsonObject();
      if (includeStopped || !server.stopped()) {
        servers.put(server.name(), server.toJson(withState));
      }
      return new JsonObject()
          .put("kind", "user")
          .put("name", user.name())
          .put("admin", user.admin())
          .put("roles", new JsonArray().add(user.admin() ? "admin" : "user"))
          .put("groups", new JsonArray())
          .put("server", server.ready() ? server.url() : null)
          .put("pending", server.pending())
          .put("created", user.created() == null ? null : user.created().toString())
          .put("last_activity", user.lastActivity() == null ? null : user.lastActivity().toString())
          .put("servers", servers);
    });
  }

  void start(RoutingContext rc, ServerKey key) {
    ApiCaller caller = ApiAuth.caller(rc);
    if (!caller.mayActOn(key.user())) {
      ApiResponses.error(rc, 403, caller.describe() + " may not start the server of " + key.user());
      return;
    }
    answerWithin(rc, hub.servers().start(key), key,
        view -> ApiResponses.json(rc, 201, view.toJson(caller.admin())));
  }

  void stop(RoutingContext rc, ServerKey key) {
    ApiCaller caller = ApiAuth.caller(rc);
    if (!caller.mayActOn(key.user())) {
      ApiResponses.error(rc, 403, caller.describe() + " may not stop the server of " + key.user());
      return;
    }
    // Unknown users get 404 rather than a silent 204.
    hub.users().find(key.user()).onComplete(ar -> {
      if (ar.failed()) {
        ApiResponses.failure(rc, ar.cause());
      } else if (ar.result().isEmpty()) {
        ApiResponses.error(rc, 404, "No such user: " + key.user());
      } else {
        answerWithin(rc, hub.servers().stop(key, "stop requested through the REST API by " + caller.describe()), key,
            done -> ApiResponses.empty(rc, 204));
      }
    });
  }

  /** Answers with {@code onDone} if the transition ends within slowSpawn, else 202 with the pending state. */
  private <T> void answerWithin(RoutingContext rc, Future<T> transition, ServerKey key, java.util.function.Consumer<T> onDone) {
    AtomicBoolean answered = new AtomicBoolean();
    long timer = vertx.setTimer(Math.max(1, slowSpawn.toMillis()), id -> {
      if (answered.compareAndSet(false, true)) {
        hub.servers().status(key).onComplete(ar -> ApiResponses.json(rc, 202,
            ar.succeeded() ? ar.result().toJson() : new JsonObject().put("pending", "unknown")));
      }
    });
    transition.onComplete(ar -> {
      vertx.cancelTimer(timer);
      if (!answered.compareAndSet(false, true)) {
        return;
      }
      if (ar.succeeded()) {
        onDone.accept(ar.result());
      } else {
        ApiResponses.failure(rc, ar.cause());
      }
    });
  }

  void activity(RoutingContext rc) {
    String name = rc.pathParam("name");
    ApiCaller caller = ApiAuth.caller(rc);
    body(rc).onComplete(read -> {
      if (read.failed()) {
        ApiResponses.error(rc, 400, "Cannot read the body: " + read.cause().getMessage());
        return;
      }
      ActivityReport report;
      try {
        report = ActivityReport.parse(read.result(), Instant.now());
      } catch (IllegalArgumentException e) {
        ApiResponses.error(rc, 400, e.getMessage());
        return;
      }
      List<Future<Void>> writes = new ArrayList<>();
      for (Map.Entry<String, Instant> server : report.servers().entrySet()) {
        ServerKey key = new ServerKey(name, server.getKey());
        if (!caller.mayReportFor(key)) {
          ApiResponses.error(rc, 403, caller.describe() + " may not report activity for " + key);
          return;
        }
        writes.add(hub.servers().reportActivity(key, server.getValue()));
      }
      if (report.servers().isEmpty() && !caller.mayReportFor(ServerKey.defaultServer(name))) {
        ApiResponses.error(rc, 403, caller.describe() + " may not report activity for " + name);
        return;
      }
      Future.all(writes).onSuccess(v -> ApiResponses.empty(rc, 200)).onFailure(e -> ApiResponses.failure(rc, e));
    });
  }

  private static Future<JsonObject> body(RoutingContext rc) {
    Future<Buffer> raw = rc.body().available() ? Future.succeededFuture(rc.body().buffer()) : rc.request().body();
    return raw.map(buffer -> {
      if (buffer == null || buffer.length() == 0) {
        return null;
      }
      try {
        return new JsonObject(buffer);
      } catch (RuntimeException e) {
        throw new IllegalArgumentException("the body is not a JSON object");
      }
    });
  }
}
