package io.enjoy.spawner;

import static io.enjoy.spawner.DockerFixture.await;
import static io.enjoy.spawner.DockerFixture.awaitFailure;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.enjoy.conf.bus.ServerKey;
import io.enjoy.conf.bus.SpawnRequest;
import io.enjoy.conf.bus.SpawnResult;
import io.enjoy.conf.bus.StopRequest;
import io.enjoy.spawner.docker.DockerBackend;
import io.enjoy.spawner.docker.DockerEngine;
import io.enjoy.spawner.local.LocalProcessBackend;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Workers that misbehave in ways the real one cannot be told to, played by the fixture worker:
 * one that runs but never gets ready, one that ignores SIGTERM.
 */
class MisbehavingWorkerTest {
  private static String fixtureImage;
  private static Path fixtureDist;
  private final Vertx vertx = Vertx.vertx();
  private final DockerFixture engine = new DockerFixture();

  @BeforeAll
  static void buildFixture() throws Exception {
    fixtureImage = TestWorkers.fixtureImage();
    fixtureDist = TestWorkers.fixtureDist();
  }

  @AfterEach
  void tearDown() throws Exception {
    engine.close();
    await(vertx.close());
  }

  private static SpawnRequest request(String base, String image, String fixtureFlag) {
    String name = base + TestWorkers.runSuffix();
    ServerKey key = ServerKey.defaultServer(name);
    Map<String, String> env = TestWorkers.env(key, "s-" + name);
    env.put(fixtureFlag, "1");
    return TestWorkers.request(key, name, image, TestWorkers.newHome(name), 1234, env);
  }

  private DockerBackend docker(Duration httpTimeout) {
    return new DockerBackend(vertx, DockerEngine.connect(TestWorkers.DOCKER_HOST), engine.hubId, "n", Duration.ofSeconds(60), httpTimeout);
  }

  @Test
  void H12_serverThatNeverGetsReadyTimesOutWithItsLastAnswerAndIsRemoved() throws Exception {
    SpawnRequest req = request("ivy", fixtureImage, "FIXTURE_NEVER_READY");

    DockerBackend backend = docker(Duration.ofSeconds(4));

    Throwable failure = awaitFailure(backend.start(req, ProgressSink.NONE));

    assertEquals(SpawnFailure.TIMED_OUT, SpawnFailure.codeOf(failure), failure.getMessage());
    assertTrue(failure.getMessage().contains("did not answer GET http://127.0.0.1:"), failure.getMessage());
    assertTrue(failure.getMessage().contains("/user/" + req.key().user() + "/api/status"), failure.getMessage());
    assertTrue(failure.getMessage().contains("HTTP 503"), "the last answer is part of the error: " + failure.getMessage());
    assertEquals(List.of(), engine.containersOfThisHub());
    await(backend.close());
  }

  @Test
  void H11_containerThatIgnoresSigtermIsKilledAndRemovedAfterTheGracePeriod() throws Exception {
    DockerBackend backend = docker(Duration.ofSeconds(30));
    SpawnRequest req = request("jack", fixtureImage, "FIXTURE_IGNORE_TERM");
    SpawnResult result = await(backend.start(req, ProgressSink.NONE));
    long begin = System.nanoTime();

    await(backend.stop(new StopRequest(req.key(), result.containerId())));

    long seconds = Duration.ofNanos(System.nanoTime() - begin).toSeconds();
    assertTrue(seconds < 15, "stop took " + seconds + " s; it must escalate, never wedge");
    assertTrue(engine.inspect(result.containerId()).isEmpty());
    await(backend.close());
  }

  @Test
  void H11_processThatIgnoresSigtermIsKilledAfterTheGracePeriod() throws Exception {
    LocalProcessBackend backend = new LocalProcessBackend(vertx, fixtureDist, TestWorkers.MODULE.resolve("target/test-logs"), "n",
        Duration.ofSeconds(60), Duration.ofSeconds(30));
    SpawnRequest req = request("kate", "unused", "FIXTURE_IGNORE_TERM");
    SpawnResult result = await(backend.start(req, ProgressSink.NONE));
    ProcessHandle process = ProcessHandle.of(Long.parseLong(result.containerId().substring(4))).orElseThrow();
    long begin = System.nanoTime();

    await(backend.stop(new StopRequest(req.key(), result.containerId())));

    long seconds = Duration.ofNanos(System.nanoTime() - begin).toSeconds();
    assertTrue(seconds < 15, "stop took " + seconds + " s");
    assertFalse(process.isAlive());
    await(backend.close());
  }
}
