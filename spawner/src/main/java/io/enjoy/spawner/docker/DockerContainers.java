package io.enjoy.spawner.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.exception.NotModifiedException;
import com.github.dockerjava.api.model.Bind;
import com.github.dockerjava.api.model.Capability;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.Ports;
import com.github.dockerjava.api.model.Volume;
import io.enjoy.conf.worker.WorkerContract;
import io.enjoy.spawner.SpawnFailure;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The blocking Docker operations the backend composes. Every method blocks: call them on a
 * worker thread only.
 */
final class DockerContainers {
  static final ExposedPort WORKER_PORT = ExposedPort.tcp(WorkerContract.DEFAULT_PORT);
  static final long PIDS_LIMIT = 512;
  private static final int LOG_TAIL_LINES = 20;

  private final DockerClient docker;

  DockerContainers(DockerClient docker) {
    this.docker = docker;
  }

  /** What one container is created from. */
  record Spec(String name, String image, Map<String, String> labels, Map<String, String> env,
              String homeDir, int uid, long memLimitBytes, double cpuLimit) {}

  /** Force-removes a container by name or id; true when there was one. */
  boolean removeIfExists(String nameOrId) {
    try {
      docker.removeContainerCmd(nameOrId).withForce(true).withRemoveVolumes(true).exec();
      return true;
    } catch (NotFoundException e) {
      return false;
    }
  }

  /** The value of a label on a container, empty when the container does not exist. */
  Optional<String> labelOf(String nameOrId, String label) {
    return inspect(nameOrId).map(info -> {
      Map<String, String> labels = info.getConfig().getLabels();
      return labels == null ? "" : labels.getOrDefault(label, "");
    });
  }

  /** Makes sure the image is on this engine, pulling it once if it is not. */
  void ensureImage(String image, long timeoutSeconds) {
    try {
      docker.inspectImageCmd(image).exec();
      return;
    } catch (NotFoundException e) {
      // not here: try the registry below
    }
    try {
      boolean done = docker.pullImageCmd(image).start().awaitCompletion(timeoutSeconds, TimeUnit.SECONDS);
      if (!done) {
        throw new SpawnFailure(SpawnFailure.TIMED_OUT, "pulling image " + image + " did not finish within " + timeoutSeconds + " s");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SpawnFailure(SpawnFailure.FAILED, "interrupted while pulling image " + image, e);
    } catch (SpawnFailure e) {
      throw e;
    } catch (RuntimeException e) {
      throw new SpawnFailure(SpawnFailure.FAILED, "image " + image + " is not on this Docker host and pulling it failed: "
          + SpawnFailure.messageOf(e), e);
    }
  }

  /** Creates (does not start) the container; returns its id. */
  String create(Spec spec) {
    Ports ports = new Ports();
    // 127.0.0.1 with no host port = an ephemeral port reachable from this host only.
    ports.bind(WORKER_PORT, Ports.Binding.bindIp("127.0.0.1"));
    HostConfig host = HostConfig.newHostConfig()
        .withPortBindings(ports)
        .withBinds(new Bind(spec.homeDir(), new Volume(WorkerContract.CONTAINER_HOME)))
        .withCapDrop(Capability.ALL)
        .withSecurityOpts(List.of("no-new-privileges"))
        .withPidsLimit(PIDS_LIMIT)
        .withReadonlyRootfs(true)
        // exec: JVMs may unpack native helpers into java.io.tmpdir.
        .withTmpFs(Map.of("/tmp", "rw,exec,nosuid,nodev,size=256m"));
    if (spec.memLimitBytes() > 0) {
      host.withMemory(spec.memLimitBytes()).withMemorySwap(spec.memLimitBytes());
    }
    if (spec.cpuLimit() > 0) {
      host.withNanoCPUs((long) (spec.cpuLimit() * 1e9));
    }
    List<String> env = new ArrayList<>();
    spec.env().forEach((k, v) -> env.add(k + "=" + v));
    return docker.createContainerCmd(spec.image())
        .withName(spec.name())
        .withLabels(spec.labels())
        .withEnv(env)
        .withExposedPorts(WORKER_PORT)
        .withHostConfig(host)
        .withUser(spec.uid() + ":" + spec.uid())
        .exec()
        .getId();
  }

  void start(String id) {
    docker.startContainerCmd(id).exec();
  }

  Optional<InspectContainerResponse> inspect(String id) {
    try {
      return Optional.of(docker.inspectContainerCmd(id).exec());
    } catch (NotFoundException e) {
      return Optional.empty();
    }
  }

  /** The host port Docker chose for the worker port, bound on 127.0.0.1. */
  int publishedPort(String id) {
    InspectContainerResponse info = inspect(id).orElseThrow(
        () -> new SpawnFailure(SpawnFailure.FAILED, "container " + id + " vanished right after it started"));
    Ports.Binding[] bindings = info.getNetworkSettings().getPorts().getBindings().get(WORKER_PORT);
    if (bindings == null || bindings.length == 0 || bindings[0].getHostPortSpec() == null) {
      String death = deathReason(id);
      throw new SpawnFailure(SpawnFailure.FAILED, death != null ? death
          : "Docker published no host port for " + WORKER_PORT + " of container " + id);
    }
    return Integer.parseInt(bindings[0].getHostPortSpec());
  }

  /**
   * Null while the container runs; otherwise why it does not, with its exit code and the last
   * lines of its log, which usually hold the real error.
   */
  String deathReason(String id) {
    Optional<InspectContainerResponse> info = inspect(id);
    if (info.isEmpty()) {
      return "the container " + shortId(id) + " disappeared while starting";
    }
    InspectContainerResponse.ContainerState state = info.get().getState();
    if (Boolean.TRUE.equals(state.getRunning())) {
      return null;
    }
    StringBuilder why = new StringBuilder("the server's container exited with code ").append(state.getExitCodeLong());
    if (Boolean.TRUE.equals(state.getOOMKilled())) {
      why.append(" (killed: out of memory)");
    }
    if (state.getError() != null && !state.getError().isBlank()) {
      why.append(" (").append(state.getError()).append(')');
    }
    String log = logTail(id);
    why.append(log.isBlank() ? "; it wrote no log output" : "; last log lines:\n" + log);
    return why.toString();
  }

  /** The last lines the container wrote to stdout and stderr. */
  String logTail(String id) {
    StringBuilder out = new StringBuilder();
    try {
      docker.logContainerCmd(id).withStdOut(true).withStdErr(true).withTail(LOG_TAIL_LINES)
          .exec(new ResultCallback.Adapter<Frame>() {
            @Override
            public void onNext(Frame frame) {
              out.append(new String(frame.getPayload(), StandardCharsets.UTF_8));
            }
          })
          .awaitCompletion(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      out.append("(could not read the container log: ").append(SpawnFailure.messageOf(e)).append(')');
    }
    return out.toString().strip();
  }

  /** Stops with a short grace period, then force-removes; a container that is already gone is fine. */
  void stopAndRemove(String id, int graceSeconds) {
    try {
      docker.stopContainerCmd(id).withTimeout(graceSeconds).exec();
    } catch (NotFoundException e) {
      return;
    } catch (NotModifiedException e) {
      // already stopped
    } catch (RuntimeException e) {
      // a stop that fails must not wedge the server (H-11): removal below kills it regardless
    }
    removeIfExists(id);
  }

  /** All containers (running or not) carrying every one of these labels. */
  List<Container> listByLabels(Map<String, String> labels) {
    return docker.listContainersCmd().withShowAll(true).withLabelFilter(labels).exec();
  }

  /** Ids of all containers (running or not) carrying every one of these labels. */
  List<String> findByLabels(Map<String, String> labels) {
    return docker.listContainersCmd().withShowAll(true).withLabelFilter(labels).exec()
        .stream().map(Container::getId).toList();
  }

  static String shortId(String id) {
    return id.length() > 12 ? id.substring(0, 12) : id;
  }
}
