package io.enjoy.gateway.servers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.enjoy.conf.bus.Addresses;
import io.enjoy.conf.bus.ServerKey;
import io.enjoy.conf.bus.SpawnRequest;
import io.enjoy.conf.worker.WorkerContract;
import io.enjoy.gateway.state.SafeNames;
import io.enjoy.gateway.state.TokenOwner;
import io.enjoy.gateway.testing.Await;
import io.enjoy.gateway.testing.TestDb;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServerLifecycleTest {
  private static final ServerKey ALICE = ServerKey.defaultServer("alice");

  @TempDir Path dataDir;
  private HubFixture fixture;
  private ServerService servers;

  @BeforeEach
  void start() {
    fixture = new HubFixture(dataDir).start().login("alice", "bob");
    servers = fixture.hub.servers();
  }

  @AfterEach
  void close() {
    fixture.close();
  }

  @Test
  void startSendsTheWorkerContractAndRoutesTheServerWithItsSecret() {
    List<JsonObject> announced = new CopyOnWriteArrayList<>();
    fixture.vertx.eventBus().<JsonObject>consumer(Addresses.ROUTES_CHANGED, m -> announced.add(m.body()));

    ServerView view = Await.result(servers.start(ALICE));

    assertTrue(view.ready());
    assertNull(view.pending());
    assertEquals("/user/alice/", view.url());
    assertNotNull(view.started());
    SpawnRequest request = fixture.spawner.starts.get(0);
    assertEquals(SafeNames.forServer(ALICE), request.safeName());
    assertEquals(dataDir.resolve("homes").resolve("alice").toAbsolutePath().toString(), request.homeDir());
    assertTrue(request.uid() > 100000);
    assertEquals("enjoy-worker:test", request.image());
    assertEquals("/user/alice/", request.env().get(WorkerContract.SERVICE_PREFIX));
    assertEquals("alice", request.env().get(WorkerContract.USER));
    assertEquals("", request.env().get(WorkerContract.SERVER_NAME));
    assertEquals("http://127.0.0.1:8081/hub/api", request.env().get(WorkerContract.API_URL));
    assertEquals("http://127.0.0.1:8081/hub/api/users/alice/activity", request.env().get(WorkerContract.ACTIVITY_URL));
    assertEquals(Long.toString(512L * 1024 * 1024), request.env().get(WorkerContract.MEM_LIMIT));

    Route route = fixture.hub.routes().lookup("alice", "").orElseThrow();
    assertEquals("127.0.0.1", route.host());
    assertEquals(request.env().get(WorkerContract.SERVER_SECRET), route.secret(), "the proxy sends the secret the worker got");
    TokenOwner worker = Await.result(fixture.hub.tokens().authenticate(request.env().get(WorkerContract.API_TOKEN))).orElseThrow();
    assertEquals(ALICE, worker.server(), "the worker's API token is scoped to its server");

    String stored = Await.result(fixtureQuery("SELECT secret_nonce || secret_hash AS s FROM servers")).getString("s");
    assertFalse(stored.contains(route.secret()), "the secret itself is never stored");
    Await.result(Future.future(p -> fixture.vertx.setTimer(100, id -> p.complete())));
    assertEquals(List.of(new JsonObject().put("user", "alice").put("server", "")), announced);
  }

  @Test
  void H10_H12_spawnerFailureStopsTheServerKeepsTheRealErrorAndLeavesNothingBehind() {
    fixture.spawner.failStartWith = "image enjoy-worker:test not found";

    Throwable failure = Await.failure(servers.start(ALICE));

    ServerStateException e = assertInstanceOf(ServerStateException.class, failure);
    assertEquals(ServerStateException.Kind.SPAWN_FAILED, e.kind());
    assertTrue(e.getMessage().contains("image enjoy-worker:test not found"), e.getMessage());
    ServerView view = Await.result(servers.status(ALICE));
    assertTrue(view.stopped());
    assertTrue(view.error().contains("image enjoy-worker:test not found"), view.error());
    assertTrue(fixture.hub.routes().lookup("alice", "").isEmpty());
    String token = fixture.spawner.starts.get(0).env().get(WorkerContract.API_TOKEN);
    assertTrue(Await.result(fixture.hub.tokens().authenticate(token)).isEmpty(), "the server token is revoked");

    fixture.spawner.failStartWith = null;
    assertTrue(Await.result(servers.start(ALICE)).ready(), "a working start button afterwards");
    assertNull(Await.result(servers.status(ALICE)).error());
  }

  @Test
  void concurrentStartsOfOneServerSpawnItOnce() {
    fixture.spawner.startDelayMillis = 300;

    List<Future<ServerView>> starts = IntStream.range(0, 5).mapToObj(i -> servers.start(ALICE)).toList();
    Await.result(Future.all(starts));

    assertEquals(1, fixture.spawner.starts.size());
    assertTrue(starts.stream().allMatch(f -> f.result().ready()));
  }

  @Test
  void startOfARunningServerIsRefusedAsAlreadyRunning() {
    Await.result(servers.start(ALICE));

    ServerStateException e = assertInstanceOf(ServerStateException.class, Await.failure(servers.start(ALICE)));

    assertEquals(ServerStateException.Kind.ALREADY_RUNNING, e.kind());
    assertEquals(1, fixture.spawner.starts.size());
  }

  @Test
  void startOfAnUnknownUserIsRefused() {
    ServerStateException e = assertInstanceOf(ServerStateException.class,
        Await.failure(servers.start(ServerKey.defaultServer("nobody"))));
    assertEquals(ServerStateException.Kind.NO_SUCH_USER, e.kind());
    assertTrue(fixture.spawner.starts.isEmpty());
  }

  @Test
  void stopRemovesTheRouteAsksTheSpawnerToRemoveTheContainerAndRevokesTheToken() {
    Await.result(servers.start(ALICE));
    String container = fixture.spawner.live.iterator().next();
    String token = fixture.spawner.starts.get(0).env().get(WorkerContract.API_TOKEN);

    Await.result(servers.stop(ALICE, "test"));

    assertEquals(container, fixture.spawner.stops.get(0).containerId());
    assertTrue(fixture.spawner.live.isEmpty());
    assertTrue(fixture.hub.routes().lookup("alice", "").isEmpty());
    assertTrue(Await.result(servers.status(ALICE)).stopped());
    assertTrue(Await.result(fixture.hub.tokens().authenticate(token)).isEmpty());
    Await.result(servers.stop(ALICE, "again"));
    assertEquals(1, fixture.spawner.stops.size(), "stopping a stopped server succeeds without asking the spawner");
  }

  @Test
  void H11_aFailingSpawnerStopStillStopsTheServerAndRecordsTheError() {
    Await.result(servers.start(ALICE));
    fixture.spawner.failStopWith = "docker: container ignores SIGTERM and could not be removed";

    Await.result(servers.stop(ALICE, "test"));

    ServerView view = Await.result(servers.status(ALICE));
    assertTrue(view.stopped(), "never wedged in pending stop");
    assertTrue(view.error().contains("could not be removed"), view.error());
    assertTrue(fixture.hub.routes().lookup("alice", "").isEmpty());
    fixture.spawner.failStopWith = null;
    assertTrue(Await.result(servers.start(ALICE)).ready(), "start works after the failed stop");
  }

  @Test
  void aStartWhileAStopIsInFlightRunsAfterTheStop() {
    Await.result(servers.start(ALICE));
    Future<Void> stop = servers.stop(ALICE, "test");
    Future<ServerView> start = servers.start(ALICE);

    assertTrue(Await.result(start).ready());
    assertTrue(stop.succeeded());
    assertEquals(2, fixture.spawner.starts.size());
  }

  @Test
  void cullerListsRunningServersAndStopsOneOverTheEventBus() {
    Await.result(servers.start(ALICE));
    Await.result(servers.start(ServerKey.defaultServer("bob")));
    fixture.hub.routes().touch(ALICE);

    JsonObject running = Await.result(fixture.vertx.eventBus().<JsonObject>request(Addresses.HUB_SERVERS_RUNNING, new JsonObject(),
        new io.vertx.core.eventbus.DeliveryOptions().setSendTimeout(5000))).body();
    var list = io.enjoy.conf.bus.RunningServers.fromJson(running).servers();
    assertEquals(2, list.size());
    var alice = list.stream().filter(e -> e.key().equals(ALICE)).findFirst().orElseThrow();
    assertTrue(!alice.lastActivity().isBefore(alice.started()));
    assertNull(alice.pending());

    Await.result(fixture.vertx.eventBus().request(Addresses.HUB_SERVER_STOP, new io.enjoy.conf.bus.CullRequest(ALICE, "idle 600 s").toJson(),
        new io.vertx.core.eventbus.DeliveryOptions().setSendTimeout(5000)));
    assertTrue(Await.result(servers.status(ALICE)).stopped());
    assertTrue(Await.result(servers.status(ServerKey.defaultServer("bob"))).ready());
  }

  @Test
  void proxiedActivityIsFlushedToPostgresAndOnlyMovesForward() {
    Await.result(servers.start(ALICE));
    fixture.hub.routes().touch(ALICE);
    java.time.Instant touched = fixture.table().recentActivity(ALICE).orElseThrow();

    Await.result(fixture.hub.flushActivity());

    var row = Await.result(fixtureQuery("SELECT a.last_activity AS at FROM activity a WHERE a.source = 'proxy'"));
    assertEquals(touched.toEpochMilli(), row.getOffsetDateTime("at").toInstant().toEpochMilli());
    Await.result(servers.reportActivity(ALICE, touched.minusSeconds(3600)));
    ServerView view = Await.result(servers.status(ALICE));
    assertEquals(touched.toEpochMilli(), view.lastActivity().toEpochMilli(), "an older worker report does not rewind activity");
    Await.result(servers.reportActivity(ALICE, touched.plusSeconds(5)));
    assertEquals(touched.plusSeconds(5).toEpochMilli(), Await.result(servers.status(ALICE)).lastActivity().toEpochMilli());
  }

  @Test
  void H05_aLostRouteOfARunningServerIsReloadedFromPostgresOnTheNextRequest() {
    Await.result(servers.start(ALICE));
    Route original = fixture.hub.routes().lookup("alice", "").orElseThrow();
    fixture.table().remove(ALICE);
    assertTrue(fixture.hub.routes().lookup("alice", "").isEmpty());

    Route reloaded = Await.result(fixture.hub.routes().resolve("alice", "")).orElseThrow();

    assertEquals(original, reloaded);
    assertTrue(fixture.hub.routes().lookup("alice", "").isPresent());
    assertTrue(Await.result(fixture.hub.routes().resolve("bob", "")).isEmpty(), "a stopped server has no route");
  }

  @Test
  void H05_periodicReconciliationRepairsWrongMissingAndStrayRoutesWithoutARestart() throws Exception {
    fixture.stopHub();
    fixture.start(new io.enjoy.gateway.state.HubOptions(java.time.Duration.ofHours(1), java.time.Duration.ofSeconds(5),
        java.time.Duration.ofSeconds(1), java.time.Duration.ofMillis(200), java.time.Clock.systemUTC()));
    servers = fixture.hub.servers();
    ServerKey bob = ServerKey.defaultServer("bob");
    Await.result(servers.start(ALICE));
    Await.result(servers.start(bob));
    Route alice = fixture.hub.routes().lookup("alice", "").orElseThrow();
    Route bobs = fixture.hub.routes().lookup("bob", "").orElseThrow();
    Route stray = new Route(ServerKey.defaultServer("prof"), "127.0.0.1", 9, "x");

    fixture.table().put(new Route(ALICE, "127.0.0.1", 1, "wrong"));
    fixture.table().remove(bob);
    fixture.table().put(stray);
    Thread.sleep(1000);

    assertEquals(alice, fixture.hub.routes().lookup("alice", "").orElseThrow());
    assertEquals(bobs, fixture.hub.routes().lookup("bob", "").orElseThrow());
    assertTrue(fixture.hub.routes().lookup("prof", "").isEmpty());
  }

  private Future<io.vertx.sqlclient.Row> fixtureQuery(String sql) {
    return TestDb.firstRow(fixture.vertx, dataDir, sql);
  }
}
