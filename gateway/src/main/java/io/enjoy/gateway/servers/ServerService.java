package io.enjoy.gateway.servers;

import io.enjoy.conf.bus.ServerKey;
import io.vertx.core.Future;
import java.util.List;

/**
 * The single writer of server state (PostgreSQL row, route table, spawner requests).
 * Everything that starts or stops a server — pages, REST API, culler over the event bus — goes
 * through here.
 *
 * <p>Failures are {@link ServerStateException}s whose {@code kind} maps to an HTTP status and
 * whose message is fit to show to the user (e.g. the spawner's real start error).
 */
public interface ServerService {

  /** Current state; a server never started is reported stopped. Fails NO_SUCH_USER for unknown users. */
  Future<ServerView> status(ServerKey key);

  /**
   * Starts the server and completes once it is ready and routed (or fails with the spawner's
   * error message; the server is then stopped and the error is kept in {@link ServerView#error()}).
   * A second call while the same start is in flight joins it (one spawn). A call while a stop is
   * in flight starts after the stop. Fails ALREADY_RUNNING when it is running already.
   * Callers that must not wait (a page) can ignore the future and poll {@link #status}; progress
   * events are published on {@code SpawnProgress.address(key)}.
   */
  Future<ServerView> start(ServerKey key);

  /**
   * Stops the server: route removed, spawner asked to remove it, row marked stopped. Never
   * wedges: a failing or timed-out spawner stop still removes the route and marks the server
   * stopped, keeping the error. Stopping a stopped server succeeds.
   */
  Future<Void> stop(ServerKey key, String reason);

  /**
   * Activity the server reported itself (the REST activity endpoint); moves forward only. Proxy
   * traffic goes through {@link RouteTable#touch} instead.
   */
  Future<Void> reportActivity(ServerKey key, java.time.Instant at);

  /** Every server these users have a row for (stopped ones too), grouped by user; users without any map to an empty list. */
  Future<java.util.Map<String, List<ServerView>>> serversOf(java.util.Collection<String> users);

  /**
   * Forgets a named server: stops it if needed, then deletes its row (JupyterHub's
   * {@code DELETE .../servers/<name>} with {@code {"remove": true}}). The default server cannot be removed.
   */
  Future<Void> remove(ServerKey key, String reason);

  /** Every server that is not stopped. */
  Future<List<ServerView>> active();
}
