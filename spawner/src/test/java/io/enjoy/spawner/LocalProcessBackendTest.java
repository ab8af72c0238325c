package io.enjoy.spawner;

import io.enjoy.conf.bus.ListedServers;
import static io.enjoy.spawner.DockerFixture.await;
import static io.enjoy.spawner.DockerFixture.awaitFailure;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.enjoy.conf.bus.PollRequest;
import io.enjoy.conf.bus.PollResult;
import io.enjoy.conf.bus.ServerKey;
import io.enjoy.conf.bus.SpawnRequest;
import io.enjoy.conf.bus.SpawnResult;
import io.enjoy.conf.bus.StopRequest;
import io.enjoy.conf.worker.WorkerContract;
import io.enjoy.spawner.local.LocalProcessBackend;
import io.vertx.core.Vertx;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The local-process backend running the real worker program from its dist directory. */
class LocalProcessBackendTest {
  private static Path dist;

  private final List<Long> started = new ArrayList<>();
  private final Path logDir = TestWorkers.MODULE.resolve("target/test-logs" + TestWorkers.runSuffix());
  private Vertx vertx;
  private LocalProcessBackend backend;

  @BeforeAll
  static void findDist() throws Exception {
    dist = TestWorkers.workerDist();
  }

  @BeforeEach
  void setUp() {
    vertx = Vertx.vertx();
    backend = newBackend(vertx, dist);
  }

  private LocalProcessBackend newBackend(Vertx vx, Path workerDist) {
    return new LocalProcessBackend(vx, workerDist, logDir, "test-node", Duration.ofSeconds(90), Duration.ofSeconds(60));
  }

  @AfterEach
  void tearDown() throws Exception {
    for (long pid : started) {
      ProcessHandle.of(pid).ifPresent(p -> {
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
      });
    }
    await(backend.close());
    await(vertx.close());
  }

  private SpawnRequest request(String base, String secret) {
    String name = base + TestWorkers.runSuffix();
    ServerKey key = ServerKey.defaultServer(name);
    return TestWorkers.request(key, name, "ignored-by-the-local-backend", TestWorkers.newHome(name), 0, TestWorkers.env(key, secret));
  }

  private SpawnResult start(SpawnRequest req, ProgressSink sink) throws Exception {
    SpawnResult result = await(backend.start(req, sink));
    started.add(pid(result));
    return result;
  }

  @Test
  void startRunsTheWorkerProgramInTheHomeDirectoryAndStopEndsIt() throws Exception {
    SpawnRequest req = request("lena", "s-lena");
    List<Integer> steps = Collections.synchronizedList(new ArrayList<>());

    SpawnResult result = start(req, (percent, text) -> steps.add(percent));

    assertEquals("local", result.backend());
    assertEquals("127.0.0.1", result.host());
    assertEquals(List.of(10, 40, 70, 100), steps);
    ProcessHandle process = ProcessHandle.of(pid(result)).orElseThrow();
    List<String> args = Arrays.asList(process.info().arguments().orElseThrow());
    assertTrue(args.contains(WorkerContract.MAIN_CLASS), args.toString());
    assertTrue(args.contains(dist.toAbsolutePath().resolve("lib") + "/*"), args.toString());
    assertTrue(Files.isDirectory(Path.of(req.homeDir())));
    Path log = logDir.resolve("enjoy-" + req.safeName() + ".log");
    assertTrue(Files.isRegularFile(log), "worker output goes to " + log);
    assertFalse(log.startsWith(Path.of(req.homeDir())), "the log is not in the user's home");
    ReadinessProbe probe = new ReadinessProbe(vertx);
    assertNull(await(probe.probeOnce(new ReadinessProbe.Target(result.host(), result.port(), prefix(req), "s-lena"))));
    assertTrue(await(backend.poll(poll(req, result, "s-lena"))).alive());

    await(backend.stop(new StopRequest(req.key(), result.containerId())));

    assertFalse(process.isAlive(), "stop ends the worker process");
    PollResult after = await(backend.poll(poll(req, result, "s-lena")));
    assertFalse(after.running());
    assertTrue(after.detail().contains("no longer runs"), after.detail());
  }

  @Test
  void H12_workerThatRefusesToStartFailsWithItsOwnErrorAndLeavesNoProcess() throws Exception {
    SpawnRequest noSecret = request("mia", null);
    long begin = System.nanoTime();

    Throwable failure = awaitFailure(backend.start(noSecret, ProgressSink.NONE));

    assertTrue(failure.getMessage().contains("exited with code"), failure.getMessage());
    assertTrue(failure.getMessage().contains(WorkerContract.SERVER_SECRET), failure.getMessage());
    assertTrue(Duration.ofNanos(System.nanoTime() - begin).toSeconds() < 30, "reported at once, not after the timeout");
    assertTrue(ProcessHandle.current().descendants().noneMatch(p ->
        p.info().arguments().map(a -> Arrays.asList(a).contains(WorkerContract.MAIN_CLASS)).orElse(false)));
  }

  @Test
  void missingWorkerDistIsAnErrorNamingTheSetting() throws Exception {
    LocalProcessBackend noDist = newBackend(vertx, TestWorkers.MODULE.resolve("target/no-such-dist"));

    Throwable failure = awaitFailure(noDist.start(request("nina", "s"), ProgressSink.NONE));

    assertTrue(failure.getMessage().contains("spawner.worker_dist"), failure.getMessage());
    assertTrue(failure.getMessage().contains("no-such-dist"), failure.getMessage());
    await(noDist.close());
  }

  @Test
  void workerOutlivesTheBackendAndIsReadoptedByANewOne() throws Exception {
    SpawnRequest req = request("otto", "s-otto");
    SpawnResult result = start(req, ProgressSink.NONE);
    ProcessHandle process = ProcessHandle.of(pid(result)).orElseThrow();
    assertNotEquals(sessionId(ProcessHandle.current().pid()), sessionId(process.pid()),
        "the worker runs in its own session, so signals to the hub's terminal do not reach it");

    await(backend.close());
    await(vertx.close());
    vertx = Vertx.vertx();
    backend = newBackend(vertx, dist);

    assertTrue(process.isAlive());
    PollResult poll = await(backend.poll(poll(req, result, "s-otto")));
    assertTrue(poll.alive(), poll.detail());
    assertTrue(await(backend.list()).servers().contains(
        new ListedServers.Entry(req.key(), result.containerId(), "127.0.0.1", result.port(), true)),
        "the new backend finds the worker it did not start");
    await(backend.stop(new StopRequest(req.key(), result.containerId())));
    assertFalse(process.isAlive());
  }

  @Test
  void H11_stoppingAGoneProcessSucceedsAndNeverKillsAProcessThatIsNotAWorker() throws Exception {
    Process bystander = new ProcessBuilder("sleep", "60").start();
    try {
      await(backend.stop(new StopRequest(ServerKey.defaultServer("x"), "pid:" + bystander.pid())));
      await(backend.stop(new StopRequest(ServerKey.defaultServer("x"), "pid:999999999")));
      await(backend.stop(new StopRequest(ServerKey.defaultServer("x"), null)));
      assertTrue(bystander.isAlive(), "a pid that is not a worker is left alone");
    } finally {
      bystander.destroyForcibly();
    }
  }

  private static long pid(SpawnResult result) {
    return Long.parseLong(result.containerId().substring("pid:".length()));
  }

  private static String prefix(SpawnRequest req) {
    return req.env().get(WorkerContract.SERVICE_PREFIX);
  }

  private static PollRequest poll(SpawnRequest req, SpawnResult result, String secret) {
    return new PollRequest(req.key(), result.containerId(), result.host(), result.port(), prefix(req), secret);
  }

  /** Field 6 of /proc/<pid>/stat: the session id. */
  private static String sessionId(long pid) throws Exception {
    String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    return fields[3];
  }
}
