package io.enjoy.conf.bus;

import java.time.Duration;

/**
 * Event-bus addresses shared by the gateway, spawner and culler. These three modules never
 * depend on each other; this class and the message records beside it are the whole contract.
 * Every request on these addresses carries a {@code JsonObject} body produced by the records'
 * {@code toJson()} and is sent with an explicit timeout from {@link #timeout}.
 */
public final class Addresses {
  private Addresses() {}

  /** Request: {@link SpawnRequest} → {@link SpawnResult}. Handled by the spawner role. */
  public static final String SPAWNER_START = "enjoy.spawner.start";
  /** Request: {@link StopRequest} → empty JSON object. Handled by the spawner role. */
  public static final String SPAWNER_STOP = "enjoy.spawner.stop";
  /** Request: {@link PollRequest} → {@link PollResult}. Handled by the spawner role. */
  public static final String SPAWNER_POLL = "enjoy.spawner.poll";
  /**
   * Request: empty JSON → {@link ListedServers}: every server of this hub the node's backend finds,
   * running or exited, so a restarted hub can re-adopt them and remove what it does not know.
   */
  public static final String SPAWNER_LIST = "enjoy.spawner.list";
  /**
   * Publish: {@link SpawnProgress} events for one server while it starts. The concrete address
   * is {@code SPAWNER_PROGRESS + "." + serverKey} so that a browser waiting on one server only
   * sees its own events.
   */
  public static final String SPAWNER_PROGRESS = "enjoy.spawner.progress";

  /** Request: empty JSON → {@link RunningServers}. Handled by the gateway (the hub). */
  public static final String HUB_SERVERS_RUNNING = "enjoy.hub.servers.running";
  /** Request: {@link CullRequest} → empty JSON object. Handled by the gateway (the hub). */
  public static final String HUB_SERVER_STOP = "enjoy.hub.server.stop";
  /** Publish: {@code {"user": ..., "server": ...}} whenever a route is added or removed. */
  public static final String ROUTES_CHANGED = "enjoy.routes.changed";

  /** Generous enough for an image pull plus readiness wait; the spawner enforces its own deadline. */
  public static Duration startTimeout(Duration spawnerStartTimeout) {
    return spawnerStartTimeout.plusSeconds(15);
  }

  /** Timeout for the short requests (stop, poll, list, cull). */
  public static final Duration SHORT_TIMEOUT = Duration.ofSeconds(30);
}
