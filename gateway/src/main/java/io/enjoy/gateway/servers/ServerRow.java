package io.enjoy.gateway.servers;

import io.enjoy.conf.bus.ServerKey;
import java.time.Instant;

/** One row of {@code servers} (plus its newest activity), as the repository reads it. */
record ServerRow(
    long id,
    long userId,
    ServerKey key,
    String state,
    String host,
    int port,
    String containerId,
    String node,
    String backend,
    String image,
    Instant started,
    Instant stateChanged,
    Instant lastActivity,
    String secretNonce,
    String secretHash,
    String lastError) {

  static final String STOPPED = "stopped";
  static final String SPAWNING = "spawning";
  static final String RUNNING = "running";
  static final String STOPPING = "stopping";

  boolean running() {
    return RUNNING.equals(state);
  }

  /** JupyterHub's {@code pending}: spawn, stop or null. */
  String pending() {
    return switch (state) {
      case SPAWNING -> "spawn";
      case STOPPING -> "stop";
      default -> null;
    };
  }
}
