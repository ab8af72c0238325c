package io.enjoy.spawner;

import static io.enjoy.spawner.DockerFixture.await;
import static io.enjoy.spawner.DockerFixture.awaitFailure;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.enjoy.conf.bus.ServerKey;
import io.enjoy.conf.bus.SpawnRequest;
import io.enjoy.spawner.docker.DockerBackend;
import io.enjoy.spawner.docker.DockerEngine;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A server that runs but never answers 200 (the fixture worker told to stay unready): the start
 * fails after spawner.http_timeout with the last answer it got, and removes the container.
 */
class DockerReadinessTimeoutTest {
  private static String fixtureImage;
  private final Vertx vertx = Vertx.vertx();
  private final DockerFixture engine = new DockerFixture();

  @BeforeAll
  static void buildFixtureImage() throws Exception {
    fixtureImage = TestWorkers.fixtureImage();
  }

  @AfterEach
  void tearDown() throws Exception {
    engine.close();
    await(vertx.close());
  }

  @Test
  void H12_serverThatNeverGetsReadyTimesOutWithItsLastAnswerAndIsRemoved() throws Exception {
    DockerBackend backend = new DockerBackend(vertx, DockerEngine.connect(TestWorkers.DOCKER_HOST), engine.hubId, "n", Duration.ofSeconds(60), Duration.ofSeconds(4));
    String name = "ivy" + TestWorkers.runSuffix();
    ServerKey key = ServerKey.defaultServer(name);
    Map<String, String> env = TestWorkers.env(key, "s-ivy");
    env.put("FIXTURE_NEVER_READY", "1");
    SpawnRequest req = TestWorkers.request(key, name, fixtureImage, TestWorkers.newHome(name), 1234, env);

    Throwable failure = awaitFailure(backend.start(req, ProgressSink.NONE));

    assertEquals(SpawnFailure.TIMED_OUT, SpawnFailure.codeOf(failure), failure.getMessage());
    assertTrue(failure.getMessage().contains("did not answer GET http://127.0.0.1:"), failure.getMessage());
    assertTrue(failure.getMessage().contains("/user/" + name + "/api/status"), failure.getMessage());
    assertTrue(failure.getMessage().contains("HTTP 503"), "the last answer is part of the error: " + failure.getMessage());
    assertEquals(List.of(), engine.containersOfThisHub());
  }
}
