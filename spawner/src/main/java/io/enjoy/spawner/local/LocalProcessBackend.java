package io.enjoy.spawner.local;

import io.enjoy.conf.bus.PollRequest;
import io.enjoy.conf.bus.PollResult;
import io.enjoy.conf.bus.SpawnRequest;
import io.enjoy.conf.bus.SpawnResult;
import io.enjoy.conf.bus.StopRequest;
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
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs each server as a local process of the same worker program the image runs, for machines
 * without Docker. The process gets its own session so that it outlives the hub JVM (a restarted
 * hub re-adopts it by pid); its output goes to {@code <logDir>/<container name>.log}, outside
 * the user's home.
 */
public final class LocalProcessBackend implements ServerBackend {
  static final String LOOPBACK = "127.0.0.1";
  private static final Duration STOP_GRACE = Duration.ofSeconds(5);
  private static final Logger LOG = LoggerFactory.getLogger(LocalProcessBackend.class);

  private final WorkerExecutor pool;
  private final ReadinessProbe probe;
  private final WorkerLauncher launcher;
  private final String node;
  private final Duration startTimeout;
  private final Duration httpTimeout;

  public LocalProcessBackend(Vertx vertx, Path workerDist, Path logDir, String node, Duration startTimeout, Duration httpTimeout) {
    this.pool = vertx.createSharedWorkerExecutor("enjoy-local-spawner", 8, 10, TimeUnit.MINUTES);
    this.probe = new ReadinessProbe(vertx);
    this.launcher = new WorkerLauncher(workerDist, logDir);
    this.node = node;
    this.startTimeout = startTimeout;
    this.httpTimeout = httpTimeout;
  }

  @Override
  public String name() {
    return "local";
  }

  @Override
  public Future<SpawnResult> start(SpawnRequest request, ProgressSink progress) {
    long deadline = System.nanoTime() + startTimeout.toNanos();
    String name;
    try {
      name = ServerNames.containerName(request);
    } catch (SpawnFailure e) {
      return Future.failedFuture(e);
    }
    progress.report(10, "preparing the home directory and the worker process");
    return blocking(() -> {
      Path home = HomeDirs.ensure(request.homeDir());
      int port = freeLoopbackPort();
      return launcher.launch(name, WorkerEnv.of(request, LOOPBACK, port, home.toString()), home, port);
    }).compose(worker -> {
      progress.report(40, "started worker process " + worker.process().pid());
      progress.report(70, "waiting for the server to answer");
      long readyBy = Math.min(deadline, System.nanoTime() + httpTimeout.toNanos());
      Duration budget = Duration.ofNanos(Math.max(0, readyBy - System.nanoTime()));
      ReadinessProbe.Target target = new ReadinessProbe.Target(LOOPBACK, worker.port(),
          WorkerEnv.servicePrefix(request.env()), WorkerEnv.secret(request.env()));
      return probe.awaitReady(target, readyBy, budget, () -> blocking(worker::deathReason))
          .map(ready -> {
            progress.report(100, "server ready");
            return new SpawnResult(LOOPBACK, worker.port(), "pid:" + worker.process().pid(), name(), node);
          })
          .recover(err -> blocking(() -> {
            ProcessTree.terminate(worker.process().toHandle(), Duration.ZERO);
            return null;
          }).otherwiseEmpty().compose(x -> {
            LOG.warn("start of {} failed, process {} killed: {}", request.key(), worker.process().pid(), SpawnFailure.messageOf(err));
            return Future.failedFuture(err);
          }));
    });
  }

  @Override
  public Future<Void> stop(StopRequest request) {
    Optional<Long> pid = pidOf(request.containerId());
    if (pid.isEmpty()) {
      return Future.succeededFuture();
    }
    return blocking(() -> {
      ProcessHandle.of(pid.get()).filter(WorkerLauncher::isWorker).ifPresent(p -> ProcessTree.terminate(p, STOP_GRACE));
      return null;
    });
  }

  @Override
  public Future<PollResult> poll(PollRequest request) {
    Optional<Long> pid = pidOf(request.containerId());
    if (pid.isEmpty()) {
      return Future.succeededFuture(new PollResult(false, false, "'" + request.containerId() + "' is not a local process id (pid:<n>)"));
    }
    boolean alive = ProcessHandle.of(pid.get()).filter(ProcessHandle::isAlive).filter(WorkerLauncher::isWorker).isPresent();
    if (!alive) {
      return Future.succeededFuture(new PollResult(false, false, "worker process " + pid.get() + " no longer runs"));
    }
    ReadinessProbe.Target target = new ReadinessProbe.Target(request.host(), request.port(), request.servicePrefix(), request.secret());
    return probe.probeOnce(target).map(failure -> failure == null
        ? new PollResult(true, true, "")
        : new PollResult(true, false, "process " + pid.get() + " runs but " + target.url() + " gave " + failure));
  }

  @Override
  public Future<ListedServers> list() {
    String classpath = launcher.classpath();
    return classpath == null
        ? Future.succeededFuture(new ListedServers(java.util.List.of()))
        : blocking(() -> new ListedServers(LocalWorkers.find(classpath)));
  }

  @Override
  public Future<Void> close() {
    // Worker processes keep running: only the probe client and the pool go away.
    return probe.close().eventually(() -> pool.close()).mapEmpty();
  }

  /** {@code pid:<n>} → n; anything else → empty. */
  static Optional<Long> pidOf(String containerId) {
    if (containerId == null || !containerId.startsWith("pid:")) {
      return Optional.empty();
    }
    try {
      return Optional.of(Long.parseLong(containerId.substring(4)));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  private static int freeLoopbackPort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(LOOPBACK))) {
      return socket.getLocalPort();
    }
  }

  private <T> Future<T> blocking(Callable<T> work) {
    return pool.executeBlocking(work, false);
  }
}
