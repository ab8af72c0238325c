package io.enjoy.gateway.servers;

import io.enjoy.conf.bus.ServerKey;
import io.enjoy.conf.bus.SpawnResult;
import io.enjoy.conf.bus.StopRequest;
import io.enjoy.gateway.servers.ServerStateException.Kind;
import io.enjoy.gateway.state.TokenService;
import io.enjoy.gateway.state.UserRecord;
import io.enjoy.gateway.state.UserService;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link ServerService}: the state machine stopped → spawning → running → stopping → stopped,
 * kept in PostgreSQL, with the route table and the spawner driven from here only. One start
 * and one stop per server at a time in this gateway; the database's conditional updates guard
 * the rest.
 */
public final class HubServerService implements ServerService {
  private static final Logger log = LoggerFactory.getLogger(HubServerService.class);

  private final ServerRepository repository;
  private final UserService users;
  private final TokenService tokens;
  private final ServerSecrets secrets;
  private final SpawnerClient spawner;
  private final SpawnRequests requests;
  private final RouteKeeper routes;
  private final ServerViews views;
  private final ProgressEvents progress;
  private final HubHistograms metrics = new HubHistograms();
  private final int namedServerLimit;
  private final Map<ServerKey, Future<ServerView>> starting = new ConcurrentHashMap<>();
  private final Map<ServerKey, Future<Void>> stopping = new ConcurrentHashMap<>();

  HubServerService(ServerRepository repository, UserService users, TokenService tokens, ServerSecrets secrets,
      SpawnerClient spawner, SpawnRequests requests, RouteKeeper routes, ServerViews views, ProgressEvents progress, int namedServerLimit) {
    this.namedServerLimit = namedServerLimit;
    this.repository = repository;
    this.users = users;
    this.tokens = tokens;
    this.secrets = secrets;
    this.spawner = spawner;
    this.requests = requests;
    this.routes = routes;
    this.views = views;
    this.progress = progress;
  }

  @Override
  public Future<ServerView> status(ServerKey key) {
    return user(key).compose(user -> repository.find(key)).map(row -> row.map(views::of).orElseGet(() -> views.neverStarted(key)));
  }

  @Override
  public Future<Map<String, List<ServerView>>> serversOf(java.util.Collection<String> names) {
    return repository.ofUsers(names).map(rows -> {
      Map<String, List<ServerView>> result = new java.util.LinkedHashMap<>();
      names.forEach(name -> result.put(name, new java.util.ArrayList<>()));
      rows.forEach(row -> result.computeIfAbsent(row.key().user(), k -> new java.util.ArrayList<>()).add(views.of(row)));
      return result;
    });
  }

  @Override
  public Future<Void> remove(ServerKey key, String reason) {
    if (key.server().isEmpty()) {
      return Future.failedFuture(new ServerStateException(Kind.BAD_REQUEST, "The default server cannot be removed, only stopped"));
    }
    return stop(key, reason).compose(v -> repository.removeStopped(key)).onSuccess(removed -> {
      if (removed) {
        routes.table().removeNamedServer(key);
      }
    }).mapEmpty();
  }

  @Override
  public Future<List<ServerView>> active() {
    return repository.notStopped().map(rows -> rows.stream().map(views::of).toList());
  }

  /** A start or stop of this server is in flight in this gateway. */
  boolean busy(ServerKey key) {
    return starting.containsKey(key) || stopping.containsKey(key);
  }

  @Override
  public Future<Void> reportActivity(ServerKey key, java.time.Instant at) {
    return repository.recordActivity(Map.of(key, at), "worker");
  }

  @Override
  public Future<ServerView> start(ServerKey key) {
    Future<Void> stop = stopping.get(key);
    if (stop != null) {
      return stop.transform(ignored -> start(key));
    }
    return once(starting, key, () -> timed(spawn(key), true));
  }

  @Override
  public Future<Void> stop(ServerKey key, String reason) {
    Future<ServerView> start = starting.get(key);
    if (start != null) {
      return start.transform(ignored -> stop(key, reason));
    }
    return once(stopping, key, () -> timed(halt(key, reason), false));
  }

  /** Start and stop durations for {@code /hub/metrics}. */
  HubHistograms metrics() {
    return metrics;
  }

  /** Records how long a real spawn (not one refused as already running) or stop took. */
  private <T> Future<T> timed(Future<T> transition, boolean spawn) {
    long begin = System.nanoTime();
    return transition.onComplete(ar -> {
      double seconds = (System.nanoTime() - begin) / 1e9;
      boolean refused = ar.failed() && ar.cause() instanceof ServerStateException s && s.kind() != Kind.SPAWN_FAILED;
      if (refused) {
        return;
      }
      String status = ar.succeeded() ? "success" : "failure";
      if (spawn) {
        metrics.spawn(status, seconds);
      } else {
        metrics.stop(status, seconds);
      }
    });
  }

  /** Runs {@code action} unless one for the same key is in flight, in which case that one is joined. */
  private static <T> Future<T> once(Map<ServerKey, Future<T>> inFlight, ServerKey key, Supplier<Future<T>> action) {
    Promise<T> promise = Promise.promise();
    Future<T> existing = inFlight.putIfAbsent(key, promise.future());
    if (existing != null) {
      return existing;
    }
    Future<T> result;
    try {
      result = action.get();
    } catch (RuntimeException e) {
      result = Future.failedFuture(e);
    }
    result.onComplete(ar -> {
      inFlight.remove(key, promise.future());
      promise.handle(ar);
    });
    return promise.future();
  }

  private Future<UserRecord> user(ServerKey key) {
    return users.find(key.user()).compose(found -> found
        .map(Future::succeededFuture)
        .orElseGet(() -> Future.failedFuture(new ServerStateException(Kind.NO_SUCH_USER, "No such user: " + key.user()))));
  }

  /** JupyterHub's {@code named_server_limit_per_user}: running or starting named servers besides this one. */
  private Future<Void> withinNamedServerLimit(ServerKey key) {
    if (key.server().isEmpty()) {
      return Future.succeededFuture();
    }
    if (namedServerLimit == 0) {
      return Future.failedFuture(new ServerStateException(Kind.BAD_REQUEST, "Named servers are not enabled on this hub"));
    }
    return repository.ofUsers(List.of(key.user())).compose(rows -> {
      long active = rows.stream().filter(r -> !r.key().server().isEmpty() && !r.key().equals(key) && !ServerRow.STOPPED.equals(r.state())).count();
      return active < namedServerLimit ? Future.succeededFuture() : Future.failedFuture(new ServerStateException(Kind.BAD_REQUEST,
          "User " + key.user() + " already has the maximum of " + namedServerLimit
              + " named servers running. One must be stopped before a new server can be started"));
    });
  }

  private Future<ServerView> spawn(ServerKey key) {
    return user(key).compose(user -> withinNamedServerLimit(key).map(user)).compose(user -> {
      String nonce = secrets.newNonce();
      String secret = secrets.derive(key, nonce);
      return repository.beginSpawn(user.id(), key.server(), requests.image(), nonce, ServerSecrets.hash(secret))
          .compose(serverId -> {
            if (serverId.isEmpty()) {
              return repository.find(key).compose(row -> Future.failedFuture(notStopped(key, row.map(ServerRow::state).orElse("?"))));
            }
            routes.table().addNamedServer(key); // its row exists from now on, whether the start succeeds or fails
            return spawn(user, key, serverId.get(), secret);
          });
    });
  }

  private static ServerStateException notStopped(ServerKey key, String state) {
    String what = switch (state) {
      case ServerRow.RUNNING -> "is already running";
      case ServerRow.SPAWNING -> "is already starting";
      case ServerRow.STOPPING -> "is stopping";
      default -> "is " + state;
    };
    return new ServerStateException(Kind.ALREADY_RUNNING, "The server of " + key.user() + " " + what);
  }

  private Future<ServerView> spawn(UserRecord user, ServerKey key, long serverId, String secret) {
    log.info("Starting {}", key);
    SpawnResult[] started = new SpawnResult[1];
    return tokens.revokeServerTokens(key)
        .compose(v -> tokens.issueForServer(key, "server " + key.id()))
        .compose(token -> spawner.start(requests.build(user, key, secret, token)))
        .compose(result -> {
          started[0] = result;
          return repository.markRunning(serverId, result);
        })
        .compose(v -> {
          routes.add(new Route(key, started[0].host(), started[0].port(), secret));
          log.info("Started {} at {}:{} ({} {})", key, started[0].host(), started[0].port(), started[0].backend(), started[0].containerId());
          progress.ready(key, ServicePrefix.of(key));
          return repository.find(key).map(row -> views.of(row.orElseThrow()));
        })
        .recover(e -> failedStart(key, serverId, started[0], e));
  }

  /** Leaves nothing behind: no route, no token, no container, the row stopped with the real cause. */
  private Future<ServerView> failedStart(ServerKey key, long serverId, SpawnResult started, Throwable cause) {
    String message = "Spawn failed: " + cause.getMessage();
    log.warn("Starting {} failed: {}", key, cause.getMessage());
    progress.failed(key, message);
    routes.drop(key);
    boolean spawnerMayHaveCreated = started != null
        || (cause instanceof SpawnerClient.SpawnerException s && s.timedOutOrUnanswered() && !s.noSpawner());
    if (spawnerMayHaveCreated) {
      spawner.stop(new StopRequest(key, started == null ? null : started.containerId()))
          .onFailure(e -> log.warn("Cleaning up after the failed start of {} failed: {}", key, e.getMessage()));
    }
    return tokens.revokeServerTokens(key)
        .transform(ignored -> repository.markStopped(serverId, message))
        .transform(ignored -> Future.failedFuture(new ServerStateException(Kind.SPAWN_FAILED, message)));
  }

  private Future<Void> halt(ServerKey key, String reason) {
    return repository.beginStop(key).compose(row -> {
      routes.drop(key);
      if (row.isEmpty()) {
        return Future.succeededFuture();
      }
      log.info("Stopping {}: {}", key, reason);
      ServerRow server = row.get();
      return spawner.stop(new StopRequest(key, server.containerId()))
          .transform(ar -> {
            String error = ar.succeeded() ? null : "Stop failed: " + ar.cause().getMessage();
            if (error != null) {
              log.warn("{} for {}; marking it stopped anyway, the container may need removal", error, key);
            }
            return tokens.revokeServerTokens(key).transform(ignored -> repository.markStopped(server.id(), error));
          });
    });
  }
}
