package io.enjoy.gateway.servers;

import io.enjoy.conf.bus.ServerKey;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Writes the proxy activity gathered in the route table to PostgreSQL every few seconds. */
final class ActivityFlusher {
  private static final Logger log = LoggerFactory.getLogger(ActivityFlusher.class);

  private final Vertx vertx;
  private final InMemoryRouteTable table;
  private final ServerRepository repository;
  private long timer = -1;

  ActivityFlusher(Vertx vertx, InMemoryRouteTable table, ServerRepository repository) {
    this.vertx = vertx;
    this.table = table;
    this.repository = repository;
  }

  void start(Duration every) {
    timer = vertx.setPeriodic(Math.max(1, every.toMillis()), id -> flush());
  }

  Future<Void> flush() {
    Map<ServerKey, Instant> activity = table.drainActivity();
    return repository.recordActivity(activity, "proxy").onFailure(e -> {
      log.warn("Writing activity of {} server(s) failed, will retry: {}", activity.size(), e.getMessage());
      table.restoreActivity(activity);
    });
  }

  Future<Void> stop() {
    if (timer >= 0) {
      vertx.cancelTimer(timer);
    }
    return flush();
  }
}
