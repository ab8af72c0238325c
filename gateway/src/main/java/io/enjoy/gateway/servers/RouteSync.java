package io.enjoy.gateway.servers;

import io.enjoy.conf.bus.ServerKey;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Periodic reconciliation of the in-memory route table with PostgreSQL (H-05: a lost or wrong
 * route must not need a hub restart): running servers get their route back, routes of servers
 * that are not running go; the set of named servers is reloaded too. Servers with a start or stop in flight here are left to it.
 */
final class RouteSync {
  private static final Logger log = LoggerFactory.getLogger(RouteSync.class);

  private final Vertx vertx;
  private final ServerRepository repository;
  private final RouteKeeper routes;
  private final Predicate<ServerKey> busy;
  private long timer = -1;

  RouteSync(Vertx vertx, ServerRepository repository, RouteKeeper routes, Predicate<ServerKey> busy) {
    this.vertx = vertx;
    this.repository = repository;
    this.routes = routes;
    this.busy = busy;
  }

  void start(Duration every) {
    timer = vertx.setPeriodic(Math.max(1, every.toMillis()), id -> sync()
        .onFailure(e -> log.warn("Route reconciliation failed: {}", e.getMessage())));
  }

  void stop() {
    if (timer >= 0) {
      vertx.cancelTimer(timer);
    }
  }

  Future<Void> sync() {
    return repository.namedServers().compose(named -> {
      routes.table().replaceNamedServers(named);
      return syncRoutes();
    });
  }

  private Future<Void> syncRoutes() {
    return repository.notStopped().map(rows -> {
      Map<ServerKey, Route> wanted = new HashMap<>();
      for (ServerRow row : rows) {
        routes.routeFor(row).ifPresent(route -> wanted.put(row.key(), route));
      }
      wanted.forEach((key, route) -> {
        Optional<Route> current = routes.table().lookup(key.user(), key.server());
        if (!busy.test(key) && !current.equals(Optional.of(route))) {
          log.warn("Route of {} was {}; restoring it from the database", key, current.map(Route::toString).orElse("missing"));
          routes.add(route);
        }
      });
      for (Route route : routes.table().all()) {
        if (!wanted.containsKey(route.key()) && !busy.test(route.key())) {
          log.warn("Removing the route of {}: the database does not record it as running", route.key());
          routes.drop(route.key());
        }
      }
      return null;
    });
  }
}
