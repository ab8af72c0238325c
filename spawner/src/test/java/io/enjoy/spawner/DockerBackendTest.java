package io.enjoy.spawner;

import io.enjoy.conf.bus.ListedServers;
import static io.enjoy.spawner.DockerFixture.await;
import static io.enjoy.spawner.DockerFixture.awaitFailure;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.model.Capability;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.Ports;
import io.enjoy.conf.bus.PollRequest;
import io.enjoy.conf.bus.PollResult;
import io.enjoy.conf.bus.ServerKey;
import io.enjoy.conf.bus.SpawnRequest;
import io.enjoy.conf.bus.SpawnResult;
import io.enjoy.conf.bus.StopRequest;
import io.enjoy.conf.worker.WorkerContract;
import io.enjoy.spawner.docker.DockerBackend;
import io.enjoy.spawner.docker.DockerEngine;
import io.vertx.core.Vertx;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Docker backend against the real engine and the real worker image. */
class DockerBackendTest {
  private static final int UID = 1234;
  private static String image;

  private Vertx vertx;
  private DockerFixture engine;
  private DockerBackend backend;

  @BeforeAll
  static void buildImages() throws Exception {
    image = TestWorkers.workerImage();
  }

  @BeforeEach
  void setUp() {
    vertx = Vertx.vertx();
    engine = new DockerFixture();
    backend = newBackend(Duration.ofSeconds(60));
  }

  private DockerBackend newBackend(Duration httpTimeout) {
    return new DockerBackend(vertx, DockerEngine.connect(TestWorkers.DOCKER_HOST), engine.hubId, "test-node", Duration.ofSeconds(90), httpTimeout);
  }

  @AfterEach
  void tearDown() throws Exception {
    await(backend.close());
    engine.close();
    await(vertx.close());
  }

  /** User and safe names get this run's suffix: container names are global on the engine. */
  private final String run = TestWorkers.runSuffix();

  private SpawnRequest request(String userBase, String safeBase, String server, Map<String, String> extraEnv, String secret) {
    String user = userBase + run;
    String safeName = safeBase + run;
    ServerKey key = new ServerKey(user, server);
    Map<String, String> env = TestWorkers.env(key, secret);
    env.putAll(extraEnv);
    return TestWorkers.request(key, safeName, image, TestWorkers.newHome(safeName), UID, env);
  }

  @Test
  void startRunsTheWorkerOnLoopbackAsTheUsersUidWithItsHomeMountedAndLabels() throws Exception {
    SpawnRequest req = request("Alice@Uni.example", "-41-lice-40-uni-2e-example", "", Map.of(), "s3cret-alice");
    List<Integer> steps = Collections.synchronizedList(new ArrayList<>());

    SpawnResult result = await(backend.start(req, (percent, text) -> steps.add(percent)));

    assertEquals("127.0.0.1", result.host());
    assertEquals("docker", result.backend());
    assertEquals("test-node", result.node());
    assertEquals(List.of(10, 40, 70, 100), steps);
    InspectContainerResponse info = engine.inspect(result.containerId()).orElseThrow();
    assertEquals("/enjoy-" + req.safeName(), info.getName());
    assertEquals(Map.of(DockerBackend.LABEL_USER, "Alice@Uni.example" + run, DockerBackend.LABEL_SERVER, "",
        DockerBackend.LABEL_HUB, engine.hubId), withoutImageLabels(info.getConfig().getLabels()));
    Ports.Binding[] bindings = info.getHostConfig().getPortBindings().getBindings().get(ExposedPort.tcp(8888));
    assertEquals("127.0.0.1", bindings[0].getHostIp(), "the worker port must be published on loopback only");
    Ports.Binding[] live = info.getNetworkSettings().getPorts().getBindings().get(ExposedPort.tcp(8888));
    assertEquals(1, live.length);
    assertEquals("127.0.0.1", live[0].getHostIp());
    assertEquals(Integer.toString(result.port()), live[0].getHostPortSpec());
    assertEquals(UID + ":" + UID, info.getConfig().getUser());
    assertTrue(info.getMounts().stream().anyMatch(m -> m.getSource().equals(req.homeDir())
        && m.getDestination().getPath().equals(WorkerContract.CONTAINER_HOME)), "home is bind-mounted: " + info.getMounts());
    assertEquals(UID, Files.getAttribute(Path.of(req.homeDir()), "unix:uid", LinkOption.NOFOLLOW_LINKS));
    assertEquals(List.of(Capability.ALL), List.of(info.getHostConfig().getCapDrop()));
    assertTrue(info.getHostConfig().getSecurityOpts().contains("no-new-privileges"));
    assertEquals(512L, info.getHostConfig().getPidsLimit());
    assertEquals(req.memLimitBytes(), info.getHostConfig().getMemory());
    assertEquals(1_000_000_000L, info.getHostConfig().getNanoCPUs());

    ReadinessProbe probe = new ReadinessProbe(vertx);
    String prefix = req.env().get(WorkerContract.SERVICE_PREFIX);
    assertNull(await(probe.probeOnce(new ReadinessProbe.Target(result.host(), result.port(), prefix, "s3cret-alice"))));
    assertNotNull(await(probe.probeOnce(new ReadinessProbe.Target(result.host(), result.port(), prefix, null))),
        "the worker must refuse a probe without the secret");
    assertNotNull(await(probe.probeOnce(new ReadinessProbe.Target(result.host(), result.port(), prefix, "wrong"))));

    PollResult poll = await(backend.poll(poll(req, result, "s3cret-alice")));
    assertTrue(poll.alive(), poll.detail());

    await(backend.stop(new StopRequest(req.key(), result.containerId())));
    assertTrue(engine.inspect(result.containerId()).isEmpty(), "stop removes the container");
    PollResult after = await(backend.poll(poll(req, result, "s3cret-alice")));
    assertFalse(after.running());
    assertTrue(after.detail().contains("no longer exists"), after.detail());
  }

  @Test
  void namedServerGetsItsOwnContainerBesideTheDefaultOne() throws Exception {
    SpawnRequest main = request("bob", "bob", "", Map.of(), "s1");
    SpawnRequest lab = new SpawnRequest(new ServerKey(main.key().user(), "lab"), main.safeName() + "--slab", image,
        main.homeDir(), UID, TestWorkers.env(new ServerKey(main.key().user(), "lab"), "s2"), 0, 0);
    SpawnResult a = await(backend.start(main, ProgressSink.NONE));
    SpawnResult b = await(backend.start(lab, ProgressSink.NONE));
    assertEquals("/enjoy-" + main.safeName(), engine.inspect(a.containerId()).orElseThrow().getName());
    assertEquals("/enjoy-" + main.safeName() + "--slab", engine.inspect(b.containerId()).orElseThrow().getName());
    assertEquals("lab", engine.inspect(b.containerId()).orElseThrow().getConfig().getLabels().get(DockerBackend.LABEL_SERVER));
    assertNotEquals(a.port(), b.port());
    assertEquals(java.util.Set.of(new ListedServers.Entry(main.key(), a.containerId(), "127.0.0.1", a.port(), true),
        new ListedServers.Entry(lab.key(), b.containerId(), "127.0.0.1", b.port(), true)),
        java.util.Set.copyOf(await(backend.list()).servers()));
  }

  @Test
  void concurrentStartsAllSucceedOnDistinctPorts() throws Exception {
    List<SpawnRequest> requests = List.of("w1", "w2", "w3", "w4").stream()
        .map(n -> request(n, n, "", Map.of(), "s-" + n)).toList();

    List<SpawnResult> results = await(io.vertx.core.Future.all(requests.stream()
        .map(r -> backend.start(r, ProgressSink.NONE)).toList())).list();

    assertEquals(4, results.stream().map(SpawnResult::port).distinct().count());
    for (int i = 0; i < 4; i++) {
      assertTrue(await(backend.poll(poll(requests.get(i), results.get(i), "s-w" + (i + 1)))).alive());
    }
  }

  @Test
  void H12_containerThatDiesAtStartFailsWithTheWorkersOwnErrorAndLeavesNothing() throws Exception {
    SpawnRequest noSecret = request("carol", "carol", "", Map.of(), null);
    long begin = System.nanoTime();

    Throwable failure = awaitFailure(backend.start(noSecret, ProgressSink.NONE));

    String message = failure.getMessage();
    assertTrue(message.contains("exited with code"), message);
    assertTrue(message.contains(WorkerContract.SERVER_SECRET), "the worker's own error text must reach the user: " + message);
    assertTrue(Duration.ofNanos(System.nanoTime() - begin).toSeconds() < 30,
        "a dead container is reported at once, not after the 60 s readiness timeout");
    assertEquals(List.of(), engine.containersOfThisHub(), "the failed container is removed");
  }

  @Test
  void H12_missingImageFailsWithThePullErrorAtOnce() throws Exception {
    SpawnRequest req = request("dave", "dave", "", Map.of(), "s");
    SpawnRequest missing = new SpawnRequest(req.key(), req.safeName(), "enjoy/no-such-image:never", req.homeDir(),
        req.uid(), req.env(), 0, 0);

    Throwable failure = awaitFailure(backend.start(missing, ProgressSink.NONE));

    assertTrue(failure.getMessage().contains("enjoy/no-such-image:never"), failure.getMessage());
    assertTrue(failure.getMessage().contains("pulling it failed"), failure.getMessage());
    assertEquals(List.of(), engine.containersOfThisHub());
  }

  @Test
  void H10_staleContainerWithTheSameNameFromACrashedSpawnIsReplaced() throws Exception {
    SpawnRequest req = request("erin", "erin", "", Map.of(), "s-erin");
    // What a hub that died mid-spawn leaves behind: a created, never started container of that name.
    String stale = engine.docker.createContainerCmd(image).withName("enjoy-" + req.safeName())
        .withLabels(Map.of(DockerBackend.LABEL_HUB, engine.hubId, DockerBackend.LABEL_USER, req.key().user())).exec().getId();

    SpawnResult result = await(backend.start(req, ProgressSink.NONE));

    assertNotEquals(stale, result.containerId());
    assertTrue(engine.inspect(stale).isEmpty(), "the stale container is gone");
    assertTrue(await(backend.poll(poll(req, result, "s-erin"))).alive());
  }

  @Test
  void containerOfTheSameNameFromAnotherHubIsNeverTakenOver() throws Exception {
    SpawnRequest req = request("olga", "olga", "", Map.of(), "s-olga");
    String foreign = engine.docker.createContainerCmd(image).withName("enjoy-" + req.safeName())
        .withLabels(Map.of(DockerBackend.LABEL_HUB, "https://other-hub.example")).exec().getId();
    try {
      Throwable failure = awaitFailure(backend.start(req, ProgressSink.NONE));

      assertEquals(SpawnFailure.CONFLICT, SpawnFailure.codeOf(failure), failure.getMessage());
      assertTrue(failure.getMessage().contains("https://other-hub.example"), failure.getMessage());
      assertTrue(engine.inspect(foreign).isPresent(), "the other hub's container is left alone");
    } finally {
      engine.docker.removeContainerCmd(foreign).withForce(true).exec();
    }
  }

  @Test
  void H11_stoppingAGoneContainerSucceedsAndStopIsIdempotent() throws Exception {
    SpawnRequest req = request("frank", "frank", "", Map.of(), "s-frank");
    SpawnResult result = await(backend.start(req, ProgressSink.NONE));
    StopRequest stop = new StopRequest(req.key(), result.containerId());

    await(backend.stop(stop));
    await(backend.stop(stop));
    await(backend.stop(new StopRequest(req.key(), "0123456789abcdef0123456789abcdef")));

    assertTrue(engine.inspect(result.containerId()).isEmpty());
  }

  @Test
  void H10_stopWithoutAContainerIdRemovesTheServersContainersByLabel() throws Exception {
    SpawnRequest req = request("gina", "gina", "", Map.of(), "s-gina");
    SpawnResult result = await(backend.start(req, ProgressSink.NONE));

    await(backend.stop(new StopRequest(req.key(), null)));

    assertTrue(engine.inspect(result.containerId()).isEmpty());
  }

  @Test
  void pollReportsAContainerOfAnotherUserAsNotThisServer() throws Exception {
    SpawnRequest req = request("hank", "hank", "", Map.of(), "s-hank");
    SpawnResult result = await(backend.start(req, ProgressSink.NONE));

    PollResult poll = await(backend.poll(new PollRequest(new ServerKey("mallory", ""), result.containerId(),
        result.host(), result.port(), req.env().get(WorkerContract.SERVICE_PREFIX), "s-hank")));

    assertFalse(poll.running());
    assertTrue(poll.detail().contains("belongs to user '" + req.key().user() + "'"), poll.detail());
  }

  @Test
  void H15_upperCaseSafeNameIsRejectedBeforeAnythingIsCreated() throws Exception {
    SpawnRequest bad = request("Ann", "Ann", "", Map.of(), "s");

    Throwable failure = awaitFailure(backend.start(bad, ProgressSink.NONE));

    assertEquals(SpawnFailure.BAD_REQUEST, SpawnFailure.codeOf(failure));
    assertTrue(failure.getMessage().contains("'" + bad.safeName() + "'"), failure.getMessage());
    assertEquals(List.of(), engine.containersOfThisHub());
  }

  @Test
  void H14_namedServerWithoutItsOwnSafeNameCannotTakeOverTheDefaultContainer() throws Exception {
    SpawnRequest main = request("uma", "uma", "", Map.of(), "s-uma");
    SpawnResult running = await(backend.start(main, ProgressSink.NONE));
    ServerKey lab = new ServerKey(main.key().user(), "lab");
    SpawnRequest sameName = new SpawnRequest(lab, main.safeName(), image, main.homeDir(), UID, TestWorkers.env(lab, "s-lab"), 0, 0);

    Throwable failure = awaitFailure(backend.start(sameName, ProgressSink.NONE));

    assertEquals(SpawnFailure.BAD_REQUEST, SpawnFailure.codeOf(failure));
    assertTrue(engine.inspect(running.containerId()).orElseThrow().getState().getRunning(),
        "the default server's container was neither replaced nor stopped");
  }

  static PollRequest poll(SpawnRequest req, SpawnResult result, String secret) {
    return new PollRequest(req.key(), result.containerId(), result.host(), result.port(),
        req.env().get(WorkerContract.SERVICE_PREFIX), secret);
  }

  private static Map<String, String> withoutImageLabels(Map<String, String> labels) {
    Map<String, String> ours = new java.util.TreeMap<>(labels);
    ours.keySet().removeIf(k -> !k.startsWith("enjoy.") || k.equals("enjoy.inputs"));
    return ours;
  }
}
