package io.enjoy.gateway.servers;

import io.enjoy.conf.EnjoyConfig;
import io.enjoy.conf.bus.ServerKey;
import io.enjoy.conf.worker.WorkerContract;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads each routed worker's own {@code last_activity} from {@code <prefix>api/status} and records
 * it. The proxy pipes WebSocket bytes without seeing them, so a student who only types and runs
 * cells over the notebook's socket would look idle to the hub; the worker sees every message and
 * counts a busy kernel as active (H-17). Pulling it needs no network path from the container back
 * to the hub, which the Docker backend does not have.
 */
final class WorkerActivityProbe {
  private static final Logger log = LoggerFactory.getLogger(WorkerActivityProbe.class);
  private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(5);

  private final Vertx vertx;
  private final InMemoryRouteTable table;
  private final ServerRepository repository;
  private final HttpClient client;
  private long timer = -1;
  private boolean passRunning;

  WorkerActivityProbe(Vertx vertx, InMemoryRouteTable table, ServerRepository repository) {
    this.vertx = vertx;
    this.table = table;
    this.repository = repository;
    this.client = vertx.httpClientBuilder()
        .with(new HttpClientOptions().setConnectTimeout((int) REQUEST_TIMEOUT.toMillis()).setKeepAlive(false))
        // A worker that resets the probe's connection fails that probe, which is how it is
        // counted; unhandled, the connection would log the reset again as an ERROR.
        .withConnectHandler(connection -> connection.exceptionHandler(resetCountedByTheFailedProbe -> { }))
        .build();
  }

  /**
   * A quarter of the idle timeout, between 1 s and 60 s: activity is then at most that stale when
   * the culler decides, which is well within the timeout it enforces.
   */
  static Duration intervalFor(EnjoyConfig.Culler culler) {
    Duration quarter = culler.timeout().dividedBy(4);
    if (quarter.compareTo(Duration.ofSeconds(1)) < 0) {
      return Duration.ofSeconds(1);
    }
    return quarter.compareTo(Duration.ofSeconds(60)) > 0 ? Duration.ofSeconds(60) : quarter;
  }

  void start(Duration every) {
    timer = vertx.setPeriodic(every.toMillis(), id -> {
      if (!passRunning) {
        passRunning = true;
        pass().onComplete(ar -> passRunning = false);
      }
    });
  }

  /** One pass over every route; workers that do not answer are left to re-adoption and the culler. */
  Future<Void> pass() {
    Map<ServerKey, Instant> reported = new ConcurrentHashMap<>();
    List<Future<Void>> probes = new ArrayList<>();
    for (Route route : table.all()) {
      probes.add(lastActivity(route)
          .onSuccess(at -> reported.put(route.key(), at))
          .<Void>mapEmpty()
          .otherwise(e -> {
            log.debug("No activity from {}: {}", route.key(), e.getMessage());
            return null;
          }));
    }
    return Future.join(probes).transform(ignored -> repository.recordActivity(reported, "worker"))
        .onFailure(e -> log.warn("Recording worker activity failed: {}", e.getMessage()));
  }

  private Future<Instant> lastActivity(Route route) {
    RequestOptions request = new RequestOptions()
        .setMethod(HttpMethod.GET)
        .setHost(route.host())
        .setPort(route.port())
        .setURI(route.servicePrefix() + WorkerContract.STATUS_PATH)
        .putHeader(WorkerContract.SECRET_HEADER, route.secret())
        .setIdleTimeout(REQUEST_TIMEOUT.toMillis());
    return client.request(request)
        .compose(req -> req.send())
        .compose(response -> response.statusCode() == 200
            ? response.body()
            : Future.failedFuture("status " + response.statusCode()))
        .map(body -> Instant.parse(new JsonObject(body).getString("last_activity")));
  }

  Future<Void> stop() {
    if (timer >= 0) {
      vertx.cancelTimer(timer);
    }
    return client.close();
  }
}
