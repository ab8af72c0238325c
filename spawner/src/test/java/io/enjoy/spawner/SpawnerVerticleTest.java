package io.enjoy.spawner;

import io.enjoy.conf.bus.ListedServers;
import static io.enjoy.spawner.DockerFixture.await;
import static io.enjoy.spawner.DockerFixture.awaitFailure;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.enjoy.conf.bus.Addresses;
import io.enjoy.conf.bus.PollRequest;
import io.enjoy.conf.bus.PollResult;
import io.enjoy.conf.bus.ServerKey;
import io.enjoy.conf.bus.SpawnProgress;
import io.enjoy.conf.bus.SpawnRequest;
import io.enjoy.conf.bus.SpawnResult;
import io.enjoy.conf.bus.StopRequest;
import io.enjoy.conf.worker.WorkerContract;
import io.enjoy.spawner.docker.DockerBackend;
import io.enjoy.spawner.docker.DockerEngine;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The spawner on the event bus, with the Docker backend and the real worker image. */
class SpawnerVerticleTest {
  private static final DeliveryOptions START = new DeliveryOptions().setSendTimeout(Addresses.startTimeout(Duration.ofSeconds(90)).toMillis());
  private static final DeliveryOptions SHORT = new DeliveryOptions().setSendTimeout(Addresses.SHORT_TIMEOUT.toMillis());
  private static String image;

  private final Vertx vertx = Vertx.vertx();
  private final DockerFixture engine = new DockerFixture();

  @BeforeAll
  static void buildImages() throws Exception {
    image = TestWorkers.workerImage();
  }

  @AfterEach
  void tearDown() throws Exception {
    engine.close();
    await(vertx.close());
  }

  private Future<String> deploySpawner() {
    return vertx.deployVerticle(new SpawnerVerticle(vx -> Future.succeededFuture(
        new DockerBackend(vx, DockerEngine.connect(TestWorkers.DOCKER_HOST), engine.hubId, "node-1", Duration.ofSeconds(90), Duration.ofSeconds(60)))));
  }

  private SpawnRequest request(String base, String secret) {
    String name = base + TestWorkers.runSuffix();
    ServerKey key = ServerKey.defaultServer(name);
    return TestWorkers.request(key, name, image, TestWorkers.newHome(name), 1234, TestWorkers.env(key, secret));
  }

  private List<SpawnProgress> progressOf(ServerKey key) throws Exception {
    List<SpawnProgress> events = new CopyOnWriteArrayList<>();
    await(vertx.eventBus().<JsonObject>consumer(SpawnProgress.address(key), m -> events.add(SpawnProgress.fromJson(m.body()))).completion());
    return events;
  }

  private <T> T request(String address, JsonObject body, DeliveryOptions options) throws Exception {
    Message<T> reply = await(vertx.eventBus().<T>request(address, body, options));
    return reply.body();
  }

  @Test
  void startPollStopOverTheBusAndUndeployingTheSpawnerLeavesTheServerRunning() throws Exception {
    String first = await(deploySpawner());
    SpawnRequest req = request("pia", "s-pia");
    List<SpawnProgress> progress = progressOf(req.key());

    SpawnResult result = SpawnResult.fromJson(request(Addresses.SPAWNER_START, req.toJson(), START));

    assertEquals("docker", result.backend());
    assertEquals("node-1", result.node());
    waitFor(() -> progress.size() == 4);
    assertEquals(List.of(10, 40, 70, 100), progress.stream().map(SpawnProgress::progress).toList());
    assertEquals("server ready", progress.get(3).message());
    PollRequest poll = new PollRequest(req.key(), result.containerId(), result.host(), result.port(),
        req.env().get(WorkerContract.SERVICE_PREFIX), "s-pia");
    assertTrue(PollResult.fromJson(request(Addresses.SPAWNER_POLL, poll.toJson(), SHORT)).alive());

    // Hub shutdown: the spawner goes away, the student's server must not.
    await(vertx.undeploy(first));
    assertTrue(engine.inspect(result.containerId()).orElseThrow().getState().getRunning());

    // Hub start: a new spawner re-adopts it by polling, and can stop it.
    await(deploySpawner());
    PollResult readopted = PollResult.fromJson(request(Addresses.SPAWNER_POLL, poll.toJson(), SHORT));
    assertTrue(readopted.alive(), readopted.detail());
    ListedServers listed = ListedServers.fromJson(request(Addresses.SPAWNER_LIST, new JsonObject(), SHORT));
    assertEquals(List.of(new ListedServers.Entry(req.key(), result.containerId(), "127.0.0.1", result.port(), true)), listed.servers(),
        "after a restart the spawner finds the hub's servers by label");
    JsonObject stopped = request(Addresses.SPAWNER_STOP, new StopRequest(req.key(), result.containerId()).toJson(), SHORT);
    assertEquals(new JsonObject(), stopped);
    assertTrue(engine.inspect(result.containerId()).isEmpty());
  }

  @Test
  void H12_failedStartFailsTheRequestWithTheRealCauseAndPublishesAFailedEvent() throws Exception {
    await(deploySpawner());
    SpawnRequest req = request("quinn", null);
    List<SpawnProgress> progress = progressOf(req.key());

    Throwable failure = awaitFailure(vertx.eventBus().request(Addresses.SPAWNER_START, req.toJson(), START));

    ReplyException reply = (ReplyException) failure;
    assertEquals(500, reply.failureCode());
    assertTrue(reply.getMessage().contains(WorkerContract.SERVER_SECRET), reply.getMessage());
    waitFor(() -> progress.stream().anyMatch(SpawnProgress::failed));
    SpawnProgress last = progress.get(progress.size() - 1);
    assertTrue(last.failed());
    assertEquals(reply.getMessage(), last.message());
    assertEquals(List.of(), engine.containersOfThisHub());
  }

  @Test
  void malformedRequestsAreRejectedWithCode400() throws Exception {
    await(deploySpawner());

    ReplyException noUser = (ReplyException) awaitFailure(vertx.eventBus().request(Addresses.SPAWNER_START, new JsonObject(), START));
    ReplyException badName = (ReplyException) awaitFailure(vertx.eventBus().request(Addresses.SPAWNER_START,
        request("r", "s").toJson().put("safeName", "Robert'); DROP"), START));

    assertEquals(400, noUser.failureCode());
    assertTrue(noUser.getMessage().contains("malformed spawn request"), noUser.getMessage());
    assertEquals(400, badName.failureCode());
    assertTrue(badName.getMessage().contains("is not a safe name"), badName.getMessage());
  }

  private static void waitFor(java.util.function.BooleanSupplier condition) throws InterruptedException {
    long until = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    while (!condition.getAsBoolean() && System.nanoTime() < until) {
      Thread.sleep(20);
    }
    assertTrue(condition.getAsBoolean(), "condition not met within 5 s");
  }
}
