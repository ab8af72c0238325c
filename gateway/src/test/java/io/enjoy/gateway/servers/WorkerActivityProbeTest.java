package io.enjoy.gateway.servers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.enjoy.conf.bus.Addresses;
import io.enjoy.conf.bus.RunningServers;
import io.enjoy.conf.bus.ServerKey;
import io.enjoy.conf.worker.WorkerContract;
import io.enjoy.gateway.testing.Await;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A student who only works over the notebook's WebSocket (typing, running cells) produces no
 * HTTP traffic the proxy could count; the hub must learn of that work from the worker itself.
 */
class WorkerActivityProbeTest {
  private static final ServerKey ALICE = ServerKey.defaultServer("alice");

  @TempDir Path dataDir;
  private HubFixture fixture;
  private HttpServer worker;
  private final AtomicReference<Instant> workerLastActivity = new AtomicReference<>();
  private final AtomicInteger unauthorised = new AtomicInteger();

  @BeforeEach
  void start() {
    fixture = new HubFixture(dataDir).start().login("alice");
    // The worker's status endpoint as the real worker serves it: only with the server's secret.
    worker = Await.result(fixture.vertx.createHttpServer().requestHandler(request -> {
      String secret = fixture.spawner.starts.get(0).env().get(WorkerContract.SERVER_SECRET);
      if (!secret.equals(request.getHeader(WorkerContract.SECRET_HEADER))) {
        unauthorised.incrementAndGet();
        request.response().setStatusCode(403).end();
      } else if (request.path().equals("/user/alice/api/status")) {
        request.response().end(new JsonObject().put("last_activity", workerLastActivity.get().toString()).encode());
      } else {
        request.response().setStatusCode(404).end();
      }
    }).listen(0, "127.0.0.1"));
    fixture.spawner.workerPort = worker.actualPort();
  }

  @AfterEach
  void close() {
    Await.result(worker.close());
    fixture.close();
  }

  @Test
  void workDoneOnlyOverTheWebSocketKeepsTheServerActiveForTheCuller() throws Exception {
    Await.result(fixture.hub.servers().start(ALICE));
    Thread.sleep(300);
    Instant typedAt = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MICROS); // PostgreSQL keeps microseconds
    workerLastActivity.set(typedAt);

    Await.result(fixture.hub.probeWorkerActivity());

    assertFalse(lastActivity(ALICE).isBefore(typedAt), "the culler sees the worker's own activity");
    assertEquals(0, unauthorised.get(), "the probe carries the server's secret");
  }

  @Test
  void aWorkerThatDoesNotAnswerLeavesItsActivityAsItWas() throws Exception {
    Await.result(fixture.hub.servers().start(ALICE));
    Instant before = lastActivity(ALICE);
    Await.result(worker.close());

    Await.result(fixture.hub.probeWorkerActivity());

    assertEquals(before, lastActivity(ALICE));
    assertTrue(fixture.hub.routes().lookup("alice", "").isPresent(), "an unanswered probe is no reason to drop a route");
  }

  @Test
  void theProbeRunsOftenEnoughForTheConfiguredIdleTimeout() {
    assertEquals(Duration.ofSeconds(2), WorkerActivityProbe.intervalFor(new io.enjoy.conf.EnjoyConfig.Culler(true, Duration.ofSeconds(8), Duration.ofSeconds(1), Duration.ZERO)));
    assertEquals(Duration.ofSeconds(60), WorkerActivityProbe.intervalFor(new io.enjoy.conf.EnjoyConfig.Culler(true, Duration.ofMinutes(10), Duration.ofMinutes(1), Duration.ZERO)));
    assertEquals(Duration.ofSeconds(1), WorkerActivityProbe.intervalFor(new io.enjoy.conf.EnjoyConfig.Culler(true, Duration.ofSeconds(2), Duration.ofSeconds(1), Duration.ZERO)));
  }

  private Instant lastActivity(ServerKey key) {
    var reply = Await.result(fixture.vertx.eventBus().<JsonObject>request(Addresses.HUB_SERVERS_RUNNING, new JsonObject(),
        new DeliveryOptions().setSendTimeout(10_000)));
    return RunningServers.fromJson(reply.body()).servers().stream()
        .filter(e -> e.key().equals(key)).findFirst().orElseThrow().lastActivity();
  }
}
