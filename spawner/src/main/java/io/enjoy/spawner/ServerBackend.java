package io.enjoy.spawner;

import io.enjoy.conf.bus.ListedServers;
import io.enjoy.conf.bus.PollRequest;
import io.enjoy.conf.bus.PollResult;
import io.enjoy.conf.bus.SpawnRequest;
import io.enjoy.conf.bus.SpawnResult;
import io.enjoy.conf.bus.StopRequest;
import io.vertx.core.Future;

/**
 * Runs user servers somewhere: in Docker containers or as local processes. Every method returns
 * at once; blocking work happens on the backend's own worker pool, never on the caller's event
 * loop. Failures are {@link SpawnFailure}s whose message is the real cause.
 */
public interface ServerBackend {

  /**
   * Starts a server and completes once its readiness probe answers. On any failure everything
   * this call created has been removed before the future fails.
   */
  Future<SpawnResult> start(SpawnRequest request, ProgressSink progress);

  /** Stops and removes a server; succeeds when it is already gone. */
  Future<Void> stop(StopRequest request);

  /** Whether the server still runs and answers its probe. */
  Future<PollResult> poll(PollRequest request);

  /** Every server of this hub the backend can find, running or exited (for the orphan sweep). */
  Future<ListedServers> list();

  /** {@code "docker"} or {@code "local"}, as reported in {@link SpawnResult#backend()}. */
  String name();

  /** Releases clients and pools; never stops user servers. */
  Future<Void> close();
}
