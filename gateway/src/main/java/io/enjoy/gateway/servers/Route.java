package io.enjoy.gateway.servers;

import io.enjoy.conf.bus.ServerKey;
import io.enjoy.conf.worker.WorkerContract;

/**
 * Where the proxy forwards {@code /user/<name>/[<server>/]} for one running server.
 *
 * @param key    whose server
 * @param host   the worker's address as the spawner reported it (loopback in a single-host setup)
 * @param port   the worker's port
 * @param secret the per-server secret; the proxy sends it as {@link WorkerContract#SECRET_HEADER}
 *               on every forwarded request (and strips any client-supplied copy). Never log it.
 */
public record Route(ServerKey key, String host, int port, String secret) {

  /** The path prefix the worker serves under, e.g. {@code /user/alice/} (name URL-encoded as a path segment). */
  public String servicePrefix() {
    return ServicePrefix.of(key);
  }

  @Override
  public String toString() {
    return "Route[" + key + " -> " + host + ":" + port + "]";
  }
}
