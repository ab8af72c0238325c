package io.enjoy.spawner.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectContainerResponse;
import io.enjoy.conf.bus.PollRequest;
import io.enjoy.conf.bus.PollResult;
import io.enjoy.conf.bus.ServerKey;
import io.enjoy.conf.bus.SpawnRequest;
import io.enjoy.conf.bus.SpawnResult;
import io.enjoy.conf.bus.StopRequest;
import io.enjoy.conf.worker.WorkerContract;
import io.enjoy.spawner.HomeDirs;
import io.enjoy.conf.bus.ListedServers;
import io.enjoy.spawner.ProgressSink;
import io.enjoy.spawner.ReadinessProbe;
import io.enjoy.spawner.ServerBackend;
import io.enjoy.spawner.ServerNames;
import io.enjoy.spawner.SpawnFailure;
import io.enjoy.spawner.WorkerEnv;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs each server in a Docker container: named {@code enjoy-<safeName>[--<server>]}, labelled
 * with its owner, the worker port published on 127.0.0.1 only, the home directory bind-mounted,
 * running as the user's uid with every capability dropped. All docker-java calls run on a
 * dedicated worker pool. The backend owns the client it is given and closes it in {@link #close()}.
 */
public final class DockerBackend implements ServerBackend {
  public static final String LABEL_USER = "enjoy.user";
  public static final String LABEL_SERVER = "enjoy.server";
  public static final String LABEL_HUB = "enjoy.hub";
  static final String LOOPBACK = "127.0.0.1";
  private static final int STOP_GRACE_SECONDS = 5;
  private static final Logger LOG = LoggerFactory.getLogger(DockerBackend.class);

  private final DockerClient client;
  private final DockerContainers containers;
  private final WorkerExecutor pool;
  private final ReadinessProbe probe;
  private final String hubId;
  private final String node;
  private final Duration startTimeout;
  private final Duration httpTimeout;

  public DockerBackend(Vertx vertx, DockerClient client, String hubId, String node, Duration startTimeout, Duration httpTimeout) {
    this.client = client;
    this.containers = new DockerContainers(client);
    this.pool = vertx.createSharedWorkerExecutor("enjoy-docker", 16, 10, TimeUnit.MINUTES);
    this.probe = new ReadinessProbe(vertx);
    this.hubId = hubId;
    this.node = node;
    this.startTimeout = startTimeout;
    this.httpTimeout = httpTimeout;
  }

  @Override
  public String name() {
    return "docker";
  }

  /** The labels every container of this hub carries; the sweeper and the tests select on them. */
  public Map<String, String> labels(ServerKey key) {
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put(LABEL_USER, key.user());
    labels.put(LABEL_SERVER, key.server());
    labels.put(LABEL_HUB, hubId);
    return labels;
  }

  @Override
  public Future<SpawnResult> start(SpawnRequest request, ProgressSink progress) {
    long deadline = System.nanoTime() + startTimeout.toNanos();
    String name;
    try {
      name = ServerNames.containerName(request);
      if (request.image() == null || request.image().isBlank()) {
        throw SpawnFailure.badRequest("no image given for " + request.key());
      }
    } catch (SpawnFailure e) {
      return Future.failedFuture(e);
    }
    progress.report(10, "creating container " + name);
    return blocking(() -> create(request, name, deadline))
        .compose(id -> runCreated(request, id, deadline, progress)
            .recover(err -> blocking(() -> containers.removeIfExists(id))
                .otherwiseEmpty()
                .compose(removed -> {
                  LOG.warn("start of {} failed, container {} removed: {}", request.key(), name, SpawnFailure.messageOf(err));
                  return Future.<SpawnResult>failedFuture(err);
                })));
  }

  private String create(SpawnRequest request, String name, long deadline) {
    Optional<String> owner = containers.labelOf(name, LABEL_HUB);
    if (owner.isPresent() && !owner.get().equals(hubId)) {
      // Same engine, another hub (or something else entirely): never take over its container.
      throw new SpawnFailure(SpawnFailure.CONFLICT, "a container named " + name + " already exists and does not belong to this hub ("
          + LABEL_HUB + "='" + owner.get() + "', this hub is '" + hubId + "'); remove or rename it");
    }
    if (owner.isPresent() && containers.removeIfExists(name)) {
      // A container with this name is left from an earlier start that crashed (H-10).
      LOG.info("removed stale container {} of {} before starting it again", name, request.key());
    }
    containers.ensureImage(request.image(), Math.max(1, remainingSeconds(deadline)));
    checkDeadline(deadline, "pulling the image");
    String home = HomeDirs.ensureOwnedBy(request.homeDir(), request.uid()).toString();
    Map<String, String> env = WorkerEnv.of(request, "0.0.0.0", WorkerContract.DEFAULT_PORT, WorkerContract.CONTAINER_HOME);
    try {
      return containers.create(new DockerContainers.Spec(name, request.image(), labels(request.key()), env,
          home, request.uid(), request.memLimitBytes(), request.cpuLimit()));
    } catch (RuntimeException e) {
      throw new SpawnFailure(SpawnFailure.FAILED, "Docker could not create container " + name + ": " + SpawnFailure.messageOf(e), e);
    }
  }

  private Future<SpawnResult> runCreated(SpawnRequest request, String id, long deadline, ProgressSink progress) {
    progress.report(40, "starting container " + DockerContainers.shortId(id));
    return blocking(() -> {
      checkDeadline(deadline, "creating the container");
      try {
        containers.start(id);
      } catch (RuntimeException e) {
        throw new SpawnFailure(SpawnFailure.FAILED, "Docker could not start the container: " + SpawnFailure.messageOf(e), e);
      }
      return containers.publishedPort(id);
    }).compose(port -> {
      progress.report(70, "waiting for the server to answer");
      long readyBy = Math.min(deadline, System.nanoTime() + httpTimeout.toNanos());
      Duration budget = Duration.ofNanos(Math.max(0, readyBy - System.nanoTime()));
      ReadinessProbe.Target target = new ReadinessProbe.Target(LOOPBACK, port,
          WorkerEnv.servicePrefix(request.env()), WorkerEnv.secret(request.env()));
      return probe.awaitReady(target, readyBy, budget, () -> blocking(() -> containers.deathReason(id)))
          .map(ready -> {
            progress.report(100, "server ready");
            return new SpawnResult(LOOPBACK, port, id, name(), node);
          });
    });
  }

  @Override
  public Future<Void> stop(StopRequest request) {
    return blocking(() -> {
      if (request.containerId() == null || request.containerId().isBlank()) {
        // The hub never learnt the id (e.g. it crashed mid-start): find the server by its labels.
        for (String id : containers.findByLabels(labels(request.key()))) {
          containers.stopAndRemove(id, STOP_GRACE_SECONDS);
        }
      } else {
        containers.stopAndRemove(request.containerId(), STOP_GRACE_SECONDS);
      }
      return null;
    });
  }

  @Override
  public Future<PollResult> poll(PollRequest request) {
    if (request.containerId() == null || request.containerId().isBlank()) {
      return Future.succeededFuture(new PollResult(false, false, "no container id is recorded for " + request.key()));
    }
    return blocking(() -> containers.inspect(request.containerId())).compose(info -> {
      String notRunning = whyNotRunning(request, info);
      if (notRunning != null) {
        return Future.succeededFuture(new PollResult(false, false, notRunning));
      }
      ReadinessProbe.Target target = new ReadinessProbe.Target(request.host(), request.port(), request.servicePrefix(), request.secret());
      return probe.probeOnce(target).map(failure -> failure == null
          ? new PollResult(true, true, "")
          : new PollResult(true, false, "the container runs but " + target.url() + " gave " + failure));
    });
  }

  @Override
  public Future<ListedServers> list() {
    return blocking(() -> new ListedServers(containers.listByLabels(Map.of(LABEL_HUB, hubId)).stream()
        .map(c -> {
          Map<String, String> labels = c.getLabels();
          int port = Arrays.stream(c.getPorts())
              .filter(p -> p.getPrivatePort() != null && p.getPrivatePort() == WorkerContract.DEFAULT_PORT && p.getPublicPort() != null)
              .mapToInt(p -> p.getPublicPort()).findFirst().orElse(0);
          return new ListedServers.Entry(new ServerKey(labels.getOrDefault(LABEL_USER, ""), labels.getOrDefault(LABEL_SERVER, "")),
              c.getId(), LOOPBACK, port, "running".equals(c.getState()));
        })
        .toList()));
  }

  private String whyNotRunning(PollRequest request, Optional<InspectContainerResponse> info) {
    String id = DockerContainers.shortId(request.containerId());
    if (info.isEmpty()) {
      return "container " + id + " no longer exists";
    }
    String owner = info.get().getConfig().getLabels().get(LABEL_USER);
    if (!request.key().user().equals(owner)) {
      return "container " + id + " belongs to user '" + owner + "', not to '" + request.key().user() + "'";
    }
    InspectContainerResponse.ContainerState state = info.get().getState();
    if (!Boolean.TRUE.equals(state.getRunning())) {
      return "container " + id + " is " + state.getStatus() + " (exit code " + state.getExitCodeLong() + ")";
    }
    return null;
  }

  @Override
  public Future<Void> close() {
    // Containers keep running: only the client and the pool go away.
    return probe.close()
        .eventually(() -> blocking(() -> {
          client.close();
          return null;
        }))
        .recover(err -> {
          LOG.debug("closing the Docker client: {}", err.toString());
          return Future.succeededFuture();
        })
        .eventually(() -> pool.close())
        .mapEmpty();
  }

  private <T> Future<T> blocking(Callable<T> work) {
    return pool.executeBlocking(work, false);
  }

  private void checkDeadline(long deadline, String step) {
    if (System.nanoTime() - deadline >= 0) {
      throw new SpawnFailure(SpawnFailure.TIMED_OUT, "spawner.start_timeout (" + startTimeout.toSeconds() + " s) passed while " + step);
    }
  }

  private static long remainingSeconds(long deadline) {
    return TimeUnit.NANOSECONDS.toSeconds(deadline - System.nanoTime());
  }
}
