package io.enjoy.gateway.servers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.enjoy.conf.bus.PollRequest;
import io.enjoy.conf.bus.ServerKey;
import io.enjoy.conf.bus.StopRequest;
import io.enjoy.gateway.testing.Await;
import io.enjoy.gateway.testing.TestDb;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RestartReadoptionTest {
  private static final ServerKey ALICE = ServerKey.defaultServer("alice");
  private static final ServerKey BOB = ServerKey.defaultServer("bob");

  @TempDir Path dataDir;
  private HubFixture fixture;

  @BeforeEach
  void start() {
    fixture = new HubFixture(dataDir).start().login("alice", "bob");
  }

  @AfterEach
  void close() {
    fixture.close();
  }

  @Test
  void H06_H08_restartKeepsLiveServersRoutedAtOnceAndMarksDeadOnesStopped() throws Exception {
    Await.result(fixture.hub.servers().start(ALICE));
    Await.result(fixture.hub.servers().start(BOB));
    Route aliceBefore = fixture.hub.routes().lookup("alice", "").orElseThrow();
    String bobContainer = Await.result(fixture.hub.servers().status(BOB)).state().getString("container_id");

    fixture.stopHub();
    assertTrue(fixture.spawner.stops.isEmpty(), "stopping the hub never stops user servers");
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dataDir.resolve("hub.key"))));
    fixture.spawner.live.remove(bobContainer); // bob's container died while the hub was down
    fixture.start();

    assertEquals(aliceBefore, fixture.hub.routes().lookup("alice", "").orElseThrow(), "same route and secret after restart");
    assertTrue(Await.result(fixture.hub.servers().status(ALICE)).ready());
    PollRequest poll = fixture.spawner.polls.stream().filter(p -> p.key().equals(ALICE)).findFirst().orElseThrow();
    assertEquals(aliceBefore.secret(), poll.secret());
    assertEquals("/user/alice/", poll.servicePrefix());

    ServerView bob = Await.result(fixture.hub.servers().status(BOB));
    assertTrue(bob.stopped());
    assertTrue(bob.error().contains("stopped while the hub was down"), bob.error());
    assertTrue(fixture.hub.routes().lookup("bob", "").isEmpty());
    assertEquals(List.of(new StopRequest(BOB, bobContainer)), fixture.spawner.stops, "the dead one's leftovers are removed, nothing else");
  }

  /** Which path segments are named servers is known in memory from the start (the proxy asks no database for it). */
  @Test
  void aRestartedHubKnowsEveryNamedServerStoppedOrRunningAndForgetsRemovedOnes() throws Exception {
    ServerKey lab = new ServerKey("alice", "lab");
    ServerKey old = new ServerKey("bob", "old");
    Await.result(fixture.hub.servers().start(lab));
    Await.result(fixture.hub.servers().start(old));
    Await.result(fixture.hub.servers().stop(old, "test"));
    assertTrue(fixture.hub.routes().hasNamedServer("bob", "old"));
    fixture.stopHub();
    fixture.start();

    assertTrue(fixture.hub.routes().hasNamedServer("alice", "lab"));
    assertTrue(fixture.hub.routes().hasNamedServer("bob", "old"), "a stopped named server still owns its path");
    assertTrue(!fixture.hub.routes().hasNamedServer("alice", "api") && !fixture.hub.routes().hasNamedServer("bob", ""));
    Await.result(fixture.hub.servers().remove(old, "test"));
    assertTrue(!fixture.hub.routes().hasNamedServer("bob", "old"));
  }

  @Test
  void aRestartGivesReadoptedServersAFreshIdlePeriodSoTheCullerDoesNotCountTheHubsDowntime() throws Exception {
    Await.result(fixture.hub.servers().start(ALICE));
    fixture.stopHub();
    Thread.sleep(1200); // the hub is down: alice cannot reach her server, she is not idle
    java.time.Instant restart = java.time.Instant.now();
    fixture.start();

    var reply = Await.result(fixture.vertx.eventBus().<io.vertx.core.json.JsonObject>request(
        io.enjoy.conf.bus.Addresses.HUB_SERVERS_RUNNING, new io.vertx.core.json.JsonObject(),
        new io.vertx.core.eventbus.DeliveryOptions().setSendTimeout(10_000)));
    var alice = io.enjoy.conf.bus.RunningServers.fromJson(reply.body()).servers().stream()
        .filter(e -> e.key().equals(ALICE)).findFirst().orElseThrow();
    assertTrue(!alice.lastActivity().isBefore(restart.minusMillis(50)),
        "last activity " + alice.lastActivity() + " should not be before the restart at " + restart);
  }

  @Test
  void H07_aHubStartingOnAnEmptyDatabaseNeverTouchesRunningContainers() {
    fixture.spawner.live.add("someone-elses-container");
    fixture.stopHub();

    fixture.start();

    assertTrue(fixture.spawner.polls.isEmpty());
    assertTrue(fixture.spawner.stops.isEmpty());
    assertTrue(fixture.spawner.live.contains("someone-elses-container"));
  }

  @Test
  void serversStayRoutedWhenNoSpawnerAnswersYetAndArePolledAgainLater() throws Exception {
    Await.result(fixture.hub.servers().start(ALICE));
    fixture.stopHub();
    Await.result(fixture.spawner.unregister()); // the spawner role is not deployed yet

    long before = System.nanoTime();
    fixture.start(new io.enjoy.gateway.state.HubOptions(java.time.Duration.ofHours(1), java.time.Duration.ofSeconds(60),
        java.time.Duration.ofSeconds(8), java.time.Duration.ofHours(1), java.time.Clock.systemUTC()));
    assertTrue(System.nanoTime() - before < java.util.concurrent.TimeUnit.SECONDS.toNanos(20),
        "the start does not wait for a spawner that is not there yet");

    assertTrue(fixture.hub.routes().lookup("alice", "").isPresent(), "no answer is not a death certificate");
    fixture.spawner.register();
    long deadline = System.currentTimeMillis() + 20_000;
    while (fixture.spawner.polls.isEmpty() && System.currentTimeMillis() < deadline) {
      Thread.sleep(50);
    }
    assertTrue(fixture.spawner.polls.stream().anyMatch(p -> p.key().equals(ALICE)), "polled again once a spawner answers");
    assertTrue(Await.result(fixture.hub.servers().status(ALICE)).ready());
  }

  @Test
  void aServerThatWasStartingWhenTheHubDiedIsCleanedUpAndStopped() {
    Await.result(fixture.hub.servers().start(ALICE));
    // as if the hub process died between recording the spawn and the spawner's answer
    Await.result(TestDb.update(fixture.vertx, dataDir, "UPDATE servers SET state = 'spawning', host = NULL, port = NULL"));
    fixture.stopHub();

    fixture.start();

    ServerView view = Await.result(fixture.hub.servers().status(ALICE));
    assertTrue(view.stopped());
    assertTrue(view.error().contains("restarted while this server was spawning"), view.error());
    assertEquals(ALICE, fixture.spawner.stops.get(0).key(), "the spawner is asked to remove what it may have created");
    assertTrue(Await.result(fixture.hub.servers().start(ALICE)).ready());
  }

  @Test
  void aLostHubKeyRetiresServersInsteadOfRoutingToWorkersThatWouldRefuseUs() throws Exception {
    Await.result(fixture.hub.servers().start(ALICE));
    fixture.stopHub();
    Files.delete(dataDir.resolve("hub.key"));

    fixture.start();

    assertTrue(fixture.hub.routes().lookup("alice", "").isEmpty());
    ServerView view = Await.result(fixture.hub.servers().status(ALICE));
    assertTrue(view.stopped());
    assertTrue(view.error().contains("secret"), view.error());
  }
}
