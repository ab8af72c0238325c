package io.enjoy.gateway.api;

import io.enjoy.conf.bus.ServerKey;
import io.enjoy.gateway.servers.ServerNames;
import io.enjoy.gateway.state.HubServices;
import io.enjoy.gateway.state.Refusal;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * Starting, stopping, reading and removing the default server ({@code /users/{name}/server}) and
 * named servers ({@code /users/{name}/servers/{server_name}}), with JupyterHub's statuses:
 * 201 started / 202 still starting, 204 stopped / 202 still stopping, 400 already running or
 * over the named-server limit, 403, 404.
 */
final class ServerHandlers {
  private final Vertx vertx;
  private final HubServices hub;
  private final Guard guard;
  private final Duration slowSpawn;

  ServerHandlers(Vertx vertx, HubServices hub, Guard guard, Duration slowSpawn) {
    this.vertx = vertx;
    this.hub = hub;
    this.guard = guard;
    this.slowSpawn = slowSpawn;
  }

  /** The server a path names: {@code server_name} absent = the default server. Bad names are an IllegalArgumentException. */
  static ServerKey key(RoutingContext rc) {
    String server = rc.pathParam("server_name");
    if (server != null) {
      ServerNames.problem(server).ifPresent(problem -> {
        throw new IllegalArgumentException(problem);
      });
    }
    return new ServerKey(rc.pathParam("name"), server);
  }

  void get(RoutingContext rc) {
    ApiCaller caller = ApiAuth.caller(rc);
    withKey(rc, key -> guard.server(caller, "read:servers", key.user(), key.server())
        .compose(t -> hub.servers().serversOf(java.util.List.of(key.user())))
        .compose(all -> all.get(key.user()).stream().filter(s -> s.name().equals(key.server())).findFirst()
            .map(Future::succeededFuture)
            .orElseGet(() -> Future.failedFuture(new Refusal(404, "No such server: " + key))))
        .onSuccess(view -> ApiResponses.json(rc, 200, view.toJson(caller.allowsEverywhere("admin:server_state"))))
        .onFailure(e -> ApiResponses.failure(rc, e)));
  }

  void start(RoutingContext rc) {
    ApiCaller caller = ApiAuth.caller(rc);
    withKey(rc, key -> guard.server(caller, "servers", key.user(), key.server())
        .onFailure(e -> ApiResponses.failure(rc, e))
        .onSuccess(v -> answerWithin(rc, hub.servers().start(key), key,
            view -> ApiResponses.json(rc, 201, view.toJson(caller.allowsEverywhere("admin:server_state"))))));
  }

  /** Stops; with {@code {"remove": true}} a named server is also forgotten. */
  void stop(RoutingContext rc) {
    ApiCaller caller = ApiAuth.caller(rc);
    withKey(rc, key -> guard.server(caller, "delete:servers", key.user(), key.server())
        .compose(t -> ApiRequests.body(rc))
        .compose(body -> hub.users().find(key.user()).compose(user -> user.isEmpty()
            ? Future.failedFuture(new Refusal(404, "No such user: " + key.user()))
            : Future.succeededFuture(ApiRequests.flag(body, "remove", false))))
        .onFailure(e -> ApiResponses.failure(rc, e))
        .onSuccess(remove -> {
          String reason = "stop requested through the REST API by " + caller.describe();
          answerWithin(rc, remove ? hub.servers().remove(key, reason) : hub.servers().stop(key, reason), key,
              done -> ApiResponses.empty(rc, 204));
        }));
  }

  private static void withKey(RoutingContext rc, Consumer<ServerKey> action) {
    ServerKey key;
    try {
      key = key(rc);
    } catch (IllegalArgumentException e) {
      ApiResponses.error(rc, 400, e.getMessage());
      return;
    }
    action.accept(key);
  }

  /** Answers with {@code onDone} if the transition ends within slowSpawn, else 202 with the pending state. */
  private <T> void answerWithin(RoutingContext rc, Future<T> transition, ServerKey key, Consumer<T> onDone) {
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
}
