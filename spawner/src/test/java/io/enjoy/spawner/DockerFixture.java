package io.enjoy.spawner;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.exception.NotFoundException;
import io.enjoy.spawner.docker.DockerBackend;
import io.enjoy.spawner.docker.DockerEngine;
import io.vertx.core.Future;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/** The real Docker engine, seen from the tests: a client and cleanup of everything one test hub labelled. */
final class DockerFixture implements AutoCloseable {
  final DockerClient docker = DockerEngine.connect(TestWorkers.DOCKER_HOST);
  final String hubId = "enjoy-test-" + UUID.randomUUID().toString().substring(0, 8);

  Optional<InspectContainerResponse> inspect(String id) {
    try {
      return Optional.of(docker.inspectContainerCmd(id).exec());
    } catch (NotFoundException e) {
      return Optional.empty();
    }
  }

  List<String> containersOfThisHub() {
    return docker.listContainersCmd().withShowAll(true).withLabelFilter(Map.of(DockerBackend.LABEL_HUB, hubId)).exec()
        .stream().map(c -> c.getId()).toList();
  }

  void removeAll() {
    for (String id : containersOfThisHub()) {
      try {
        docker.removeContainerCmd(id).withForce(true).exec();
      } catch (NotFoundException e) {
        // already gone
      }
    }
  }

  @Override
  public void close() throws Exception {
    removeAll();
    docker.close();
  }

  /** Waits for a Vert.x future from the test thread (never an event loop). */
  static <T> T await(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(120, TimeUnit.SECONDS);
  }

  /** The failure of a future that must fail. */
  static Throwable awaitFailure(Future<?> future) throws Exception {
    try {
      Object value = await(future);
      throw new AssertionError("expected a failure, got " + value);
    } catch (java.util.concurrent.ExecutionException e) {
      return e.getCause();
    }
  }
}
