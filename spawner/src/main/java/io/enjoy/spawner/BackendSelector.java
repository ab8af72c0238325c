package io.enjoy.spawner;

import io.enjoy.conf.EnjoyConfig;
import io.enjoy.spawner.docker.DockerBackend;
import io.enjoy.spawner.docker.DockerEngine;
import io.enjoy.spawner.local.LocalProcessBackend;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns {@code spawner.backend} into a backend: {@code docker}, {@code local}, or {@code auto} =
 * Docker when the engine answers a ping within 2 s, the local-process backend otherwise. The
 * choice and its reason are logged, because an admin must know where servers will run.
 */
public final class BackendSelector {
  static final Duration PING_TIMEOUT = Duration.ofSeconds(2);
  private static final Logger LOG = LoggerFactory.getLogger(BackendSelector.class);

  private BackendSelector() {}

  /** Identity of this node and hub, and where local workers write their logs. */
  public record Placement(String hubId, String node, Path workerLogDir) {
    public static Placement of(EnjoyConfig config) {
      return new Placement(NodeIds.hubId(config), NodeIds.nodeId(config.dataDir()),
          config.dataDir().toAbsolutePath().resolve("logs").resolve("workers"));
    }
  }

  public static Future<ServerBackend> select(Vertx vertx, EnjoyConfig.Spawner config, Placement placement) {
    String backend = config.backend() == null ? "auto" : config.backend();
    switch (backend) {
      case "docker":
        LOG.info("spawner.backend = docker: using the Docker engine at {}", config.dockerHost());
        return Future.succeededFuture(docker(vertx, config, placement));
      case "local":
        LOG.info("spawner.backend = local: running workers as local processes from {}", config.workerDist());
        return Future.succeededFuture(local(vertx, config, placement));
      case "auto":
        return vertx.executeBlocking(() -> DockerEngine.unreachableReason(config.dockerHost(), PING_TIMEOUT), false)
            .map(reason -> {
              if (reason == null) {
                LOG.info("Docker engine at {} answered; using the docker backend", config.dockerHost());
                return docker(vertx, config, placement);
              }
              LOG.warn("Docker engine at {} unreachable ({}); falling back to the local-process backend (workers from {})",
                  config.dockerHost(), reason, config.workerDist());
              return local(vertx, config, placement);
            });
      default:
        return Future.failedFuture(new IllegalArgumentException(
            "spawner.backend: '" + backend + "' is not one of auto, docker, local"));
    }
  }

  private static ServerBackend docker(Vertx vertx, EnjoyConfig.Spawner config, Placement placement) {
    return new DockerBackend(vertx, DockerEngine.connect(config.dockerHost()), placement.hubId(), placement.node(),
        config.startTimeout(), config.httpTimeout());
  }

  private static ServerBackend local(Vertx vertx, EnjoyConfig.Spawner config, Placement placement) {
    return new LocalProcessBackend(vertx, config.workerDist(), placement.workerLogDir(), placement.node(),
        config.startTimeout(), config.httpTimeout());
  }
}
