package io.enjoy.worker.session;

import io.enjoy.worker.files.NotebookDir;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.WorkerExecutor;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The open notebooks of this worker, one session (and kernel JVM) per notebook path. Opening a
 * path twice gives the same session. Runs on one Vert.x context.
 */
public final class NotebookSessions {
  private final Context context;
  private final WorkerExecutor files;
  private final NotebookDir dir;
  private final KernelLauncher launcher;
  private final Map<String, Future<NotebookSession>> open = new HashMap<>();

  public NotebookSessions(Context context, WorkerExecutor files, NotebookDir dir, KernelLauncher launcher) {
    this.context = context;
    this.files = files;
    this.dir = dir;
    this.launcher = launcher;
  }

  /** The session of a notebook, opening it (and starting its kernel) on first use. */
  public Future<NotebookSession> open(String path) {
    Future<NotebookSession> existing = open.get(path);
    if (existing != null && !existing.failed()) {
      return existing;
    }
    Future<NotebookSession> opening = NotebookSession.open(context, files, dir, launcher, path);
    open.put(path, opening);
    opening.onFailure(e -> open.remove(path, opening));
    return opening;
  }

  /** The session of a path if it is open, else null. */
  public NotebookSession ifOpen(String path) {
    Future<NotebookSession> f = open.get(path);
    return f != null && f.succeeded() ? f.result() : null;
  }

  public Collection<NotebookSession> all() {
    return open.values().stream().filter(Future::succeeded).map(Future::result).toList();
  }

  /** Number of live kernels (open sessions whose kernel is not dead). */
  public int kernels() {
    return (int) all().stream().filter(s -> !NotebookSession.DEAD.equals(s.status())).count();
  }

  public boolean anyBusy() {
    return all().stream().anyMatch(s -> NotebookSession.BUSY.equals(s.status()));
  }

  /** The latest time a kernel was busy, or null. */
  public Instant lastKernelActivity() {
    return all().stream().map(NotebookSession::lastBusy).filter(t -> t != null).max(Instant::compareTo).orElse(null);
  }

  /** Saves what changed (autosave tick). */
  public Future<Void> saveDirty() {
    return Future.join(all().stream().filter(NotebookSession::isDirty).map(NotebookSession::save).toList()).mapEmpty();
  }

  /** Kills every kernel JVM (server shutdown). */
  public void shutdownAll() {
    for (NotebookSession s : List.copyOf(all())) {
      s.shutdown();
    }
  }
}
