package io.enjoy.gateway.servers;

import io.enjoy.conf.bus.PollRequest;
import io.enjoy.conf.bus.PollResult;
import io.enjoy.conf.bus.StopRequest;
import io.enjoy.gateway.state.TokenService;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hub start after a restart (issue 2 item 9, H-05..H-08): every server PostgreSQL does not
 * know as stopped is dealt with.
 * <ul>
 *   <li>running: the route is added at once (its secret derived again) with a fresh idle period
 *       (the hub's downtime is not the students' idleness), then the spawner polls
 *       it. Gone → route removed, row stopped with the reason, the spawner asked to remove
 *       leftovers. Exists but slow/unreachable → kept (the culler will stop it if it stays
 *       idle): a slow answer never kills a container. No answer from any spawner (e.g. the
 *       spawner role deploys after the gateway) → kept and polled again later.</li>
 *   <li>spawning/stopping: the transition died with the old process; the spawner is asked to
 *       remove what it may have created and the row is marked stopped with that reason.</li>
 * </ul>
 * Only rows drive this: an empty database never stops anything.
 */
final class Readoption {
  private static final Logger log = LoggerFactory.getLogger(Readoption.class);
  private static final int POLL_ATTEMPTS = 6;

  private final Vertx vertx;
  private final ServerRepository repository;
  private final RouteKeeper routes;
  private final SpawnerClient spawner;
  private final TokenService tokens;
  private static final Duration SPAWNER_DEPLOYING = Duration.ofSeconds(1);
  private final Duration retryDelay;

  Readoption(Vertx vertx, ServerRepository repository, RouteKeeper routes, SpawnerClient spawner, TokenService tokens, Duration retryDelay) {
    this.vertx = vertx;
    this.repository = repository;
    this.routes = routes;
    this.spawner = spawner;
    this.tokens = tokens;
    this.retryDelay = retryDelay;
  }

  /**
   * Routes of running servers are in place when this completes; the polls are awaited for at
   * most {@code maxWait} and go on in the background after that (H-09: many servers must not
   * delay the hub's start).
   */
  Future<Void> run(Duration maxWait) {
    return repository.notStopped().compose(rows -> {
      List<Future<Void>> checks = new ArrayList<>();
      for (ServerRow row : rows) {
        if (row.running()) {
          var route = routes.routeFor(row);
          if (route.isPresent()) {
            routes.add(route.get());
            // Its users could not reach it while the hub (their only way in) was down, so that
            // time is not idleness: the idle clock starts again now.
            routes.table().touch(row.key());
            checks.add(poll(row, route.get(), 1));
          } else {
            checks.add(retire(row, "The hub cannot reach this server any more (its secret no longer derives from the hub key)"));
          }
        } else {
          checks.add(retire(row, "The hub restarted while this server was " + row.state()));
        }
      }
      log.info("Re-adopting {} server(s) recorded as not stopped", rows.size());
      Promise<Void> done = Promise.promise();
      long timer = vertx.setTimer(Math.max(1, maxWait.toMillis()), id -> {
        if (done.tryComplete()) {
          log.info("Re-adoption checks continue in the background");
        }
      });
      Future.join(checks).onComplete(ar -> {
        vertx.cancelTimer(timer);
        done.tryComplete();
      });
      return done.future();
    });
  }

  private Future<Void> poll(ServerRow row, Route route, int attempt) {
    PollRequest request = new PollRequest(row.key(), row.containerId(), row.host(), row.port(), route.servicePrefix(), route.secret());
    return spawner.poll(request).transform(ar -> {
      if (ar.succeeded()) {
        PollResult result = ar.result();
        if (!result.running()) {
          return retire(row, "The server stopped while the hub was down: " + result.detail());
        }
        if (!result.reachable()) {
          log.warn("Re-adopted {} although its probe failed ({}); it keeps its route", row.key(), result.detail());
        } else {
          log.info("Re-adopted {} at {}:{}", row.key(), row.host(), row.port());
        }
        return Future.succeededFuture();
      }
      if (attempt >= POLL_ATTEMPTS) {
        log.warn("No spawner confirmed {} after {} polls ({}); it keeps its route", row.key(), attempt, ar.cause().getMessage());
        return Future.succeededFuture();
      }
      // No answer is no verdict: the route stays, and the hub's start does not wait for the
      // retries (in one JVM the spawner role usually deploys after the gateway).
      // a spawner role still deploying in this JVM answers within a second or two; a busy or
      // remote one gets the full delay
      boolean noSpawnerYet = attempt <= 3 && ar.cause() instanceof SpawnerClient.SpawnerException e && e.noSpawner();
      Duration delay = noSpawnerYet && retryDelay.compareTo(SPAWNER_DEPLOYING) > 0 ? SPAWNER_DEPLOYING : retryDelay;
      log.info("Polling {} failed ({}); trying again in {} ms", row.key(), ar.cause().getMessage(), delay.toMillis());
      vertx.setTimer(Math.max(1, delay.toMillis()), id -> poll(row, route, attempt + 1));
      return Future.succeededFuture();
    });
  }

  /** Marks a server stopped that is not (or no longer) usable, and asks the spawner to remove leftovers. */
  private Future<Void> retire(ServerRow row, String reason) {
    log.warn("{}: {}", row.key(), reason);
    routes.drop(row.key());
    spawner.stop(new StopRequest(row.key(), row.containerId()))
        .onFailure(e -> log.warn("Removing the leftovers of {} failed: {}", row.key(), e.getMessage()));
    return tokens.revokeServerTokens(row.key()).transform(ignored -> repository.markStopped(row.id(), reason));
  }
}
