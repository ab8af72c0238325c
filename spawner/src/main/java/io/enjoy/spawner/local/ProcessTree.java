package io.enjoy.spawner.local;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Ends a worker and the kernel JVMs it started. Blocking. */
final class ProcessTree {
  private ProcessTree() {}

  /** SIGTERM to the worker, then after {@code grace} SIGKILL to it and every descendant still alive. */
  static void terminate(ProcessHandle root, Duration grace) {
    // Collect descendants first: once the worker dies its children are re-parented and lost.
    List<ProcessHandle> descendants = root.descendants().toList();
    root.destroy();
    if (!grace.isZero()) {
      try {
        root.onExit().get(grace.toMillis(), TimeUnit.MILLISECONDS);
      } catch (TimeoutException | ExecutionException e) {
        // escalate below
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    root.destroyForcibly();
    descendants.forEach(ProcessHandle::destroyForcibly);
    try {
      root.onExit().get(5, TimeUnit.SECONDS);
    } catch (TimeoutException | ExecutionException e) {
      // the kernel reaps it; nothing more a user process can do
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
