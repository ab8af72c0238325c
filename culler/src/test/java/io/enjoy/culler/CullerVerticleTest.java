package io.enjoy.culler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.enjoy.conf.EnjoyConfig;
import io.enjoy.conf.bus.RunningServers.Entry;
import io.enjoy.conf.bus.ServerKey;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The culler on a real Vert.x event bus, with the hub's addresses answered by {@link HubOnTheBus}. */
class CullerVerticleTest {

  private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-03T10:00:00Z"), ZoneOffset.UTC);
  private static final Instant NOW = CLOCK.instant();
  private static final Duration EVERY = Duration.ofMillis(100);
  private static final Duration REQUEST_TIMEOUT = Duration.ofMillis(300);

  private Vertx vertx;
  private HubOnTheBus hub;

  @BeforeEach
  void startHub() throws Exception {
    vertx = Vertx.vertx();
    hub = new HubOnTheBus(vertx);
    await(hub.register());
  }

  @AfterEach
  void close() throws Exception {
    await(vertx.close());
  }

  private static <T> T await(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
  }

  private static void eventually(String what, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting until " + what);
      }
      Thread.sleep(20);
    }
  }

  private void deployCuller(boolean enabled) throws Exception {
    deployCuller(enabled, REQUEST_TIMEOUT);
  }

  private void deployCuller(boolean enabled, Duration requestTimeout) throws Exception {
    EnjoyConfig.Culler config = new EnjoyConfig.Culler(enabled, Duration.ofMinutes(10), EVERY, Duration.ZERO);
    await(vertx.deployVerticle(new CullerVerticle(config, CLOCK, requestTimeout)));
  }

  private static Entry idle(String user) {
    return new Entry(ServerKey.defaultServer(user), NOW.minus(Duration.ofHours(1)), NOW.minus(Duration.ofMinutes(20)), null);
  }

  private static Entry active(String user) {
    return new Entry(ServerKey.defaultServer(user), NOW.minus(Duration.ofHours(1)), NOW.minus(Duration.ofMinutes(1)), null);
  }

  @Test
  void idleServerGetsExactlyOneStopRequestAndActiveOnesNone() throws Exception {
    hub.add(idle("idle-alice"));
    hub.add(active("busy-bob"));
    hub.add(idle("idle-carol"));
    deployCuller(true);

    eventually("several passes ran", () -> hub.listRequests.get() >= 6);
    assertEquals(1, hub.stopsFor("idle-alice"));
    assertEquals(1, hub.stopsFor("idle-carol"));
    assertEquals(0, hub.stopsFor("busy-bob"));
    assertEquals(2, hub.stopRequests.size());
    assertEquals("idle for 20m (culler.timeout 10m)", hub.stopRequests.get(0).reason());
  }

  @Test
  void failingAndSilentHubDoesNotStopLaterPasses() throws Exception {
    hub.add(idle("alice"));
    hub.listFailures.set(2);
    hub.listSilences.set(1); // the culler's request times out after REQUEST_TIMEOUT
    deployCuller(true);

    eventually("alice is stopped after the hub recovers", () -> hub.stopsFor("alice") == 1);
    assertTrue(hub.listRequests.get() >= 4, "passes went on after failures: " + hub.listRequests.get());
  }

  @Test
  void failedStopIsAskedAgainOnALaterPass() throws Exception {
    // H-18: the hub could not stop the container, keeps the server running, and the culler asks again
    hub.add(idle("alice"));
    hub.stopFailures.set(1);
    deployCuller(true);

    eventually("a second stop request", () -> hub.stopsFor("alice") == 2);
    int listsNow = hub.listRequests.get();
    eventually("more passes", () -> hub.listRequests.get() >= listsNow + 3);
    assertEquals(2, hub.stopsFor("alice"), "once the hub stopped it, it is not asked again");
  }

  @Test
  void passesNeverOverlap() throws Exception {
    hub.add(active("bob"));
    hub.listDelayMillis = 250; // longer than EVERY: ticks fire while a pass waits for the hub
    // a generous timeout: on a loaded machine a 250 ms reply can arrive late, and a pass that timed
    // out has ended, so the next one may rightly start while the late reply is still on its way
    deployCuller(true, Duration.ofSeconds(10));

    eventually("three passes", () -> hub.listRequests.get() >= 3);
    assertEquals(1, hub.maxListsInFlight.get());
  }

  @Test
  void atMostFourStopsAreInFlight() throws Exception {
    for (int i = 0; i < 10; i++) {
      hub.add(idle("user" + i));
    }
    hub.stopDelayMillis = 100;
    deployCuller(true);

    eventually("every idle server is stopped", () -> hub.stopRequests.size() == 10);
    assertEquals(CullerVerticle.MAX_CONCURRENT_STOPS, hub.maxStopsInFlight.get());
  }

  @Test
  void onePassReportsWhatItDid() throws Exception {
    hub.add(idle("alice"));
    hub.add(active("bob"));
    hub.stopFailures.set(1);
    hub.add(idle("carol"));
    EnjoyConfig.Culler config = new EnjoyConfig.Culler(true, Duration.ofMinutes(10), Duration.ofHours(1), Duration.ZERO);
    CullerVerticle culler = new CullerVerticle(config, CLOCK, REQUEST_TIMEOUT);
    await(vertx.deployVerticle(culler));

    CullerVerticle.PassResult result = await(culler.pass());
    assertEquals(new CullerVerticle.PassResult(3, 1, 1, null), result);
  }

  @Test
  void disabledCullerNeverAsksTheHub() throws Exception {
    hub.add(idle("alice"));
    deployCuller(false);

    Thread.sleep(5 * EVERY.toMillis());
    assertEquals(0, hub.listRequests.get());
    assertEquals(List.of(), hub.stopRequests);
  }
}
