package io.enjoy.spawner;

import static io.enjoy.spawner.DockerFixture.await;
import static io.enjoy.spawner.DockerFixture.awaitFailure;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.enjoy.conf.EnjoyConfig;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class BackendSelectorTest {
  private final Vertx vertx = Vertx.vertx();
  private final BackendSelector.Placement placement = new BackendSelector.Placement("hub", "node", TestWorkers.MODULE.resolve("target/test-logs"));

  @AfterEach
  void tearDown() throws Exception {
    await(vertx.close());
  }

  private static EnjoyConfig.Spawner spawner(String backend, String dockerHost) {
    return new EnjoyConfig.Spawner(backend, "enjoy/worker:latest", Path.of("/tmp/homes"), dockerHost,
        Duration.ofSeconds(60), Duration.ofSeconds(30), 0, 0, "", Path.of("/nonexistent"));
  }

  @Test
  void autoUsesDockerWhenTheEngineAnswers() throws Exception {
    ServerBackend backend = await(BackendSelector.select(vertx, spawner("auto", TestWorkers.DOCKER_HOST), placement));
    assertEquals("docker", backend.name());
    await(backend.close());
  }

  @Test
  void autoFallsBackToLocalProcessesWhenNoEngineAnswers() throws Exception {
    long begin = System.nanoTime();
    ServerBackend backend = await(BackendSelector.select(vertx, spawner("auto", "unix:///nonexistent/docker.sock"), placement));
    assertEquals("local", backend.name());
    assertTrue(Duration.ofNanos(System.nanoTime() - begin).toMillis() < 5_000, "the ping gives up within its 2 s budget");
    await(backend.close());
  }

  @Test
  void unknownBackendIsAnErrorNamingTheSetting() throws Exception {
    Throwable failure = awaitFailure(BackendSelector.select(vertx, spawner("kubernetes", TestWorkers.DOCKER_HOST), placement));
    assertTrue(failure.getMessage().contains("spawner.backend"), failure.getMessage());
    assertTrue(failure.getMessage().contains("kubernetes"), failure.getMessage());
  }
}
