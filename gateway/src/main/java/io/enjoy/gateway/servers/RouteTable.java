package io.enjoy.gateway.servers;

import io.enjoy.conf.bus.ServerKey;
import io.vertx.core.Future;
import java.util.Collection;
import java.util.Optional;

/**
 * The in-memory route table the proxy reads on every request. Owned and written only by the
 * hub's {@link ServerService} (start, stop, restart re-adoption); the proxy only reads and
 * touches.
 *
 * <p>How the proxy uses it: for a request to {@code /user/<name>/...} call
 * {@link #resolve(String, String)} with the <em>decoded</em> user name and {@code ""} for the
 * default server. It completes at once from memory on a hit; on a miss it checks PostgreSQL (a
 * server whose row says running is re-added — the repair for a lost route, H-05) and completes
 * with empty when the server is not running (→ the "start your server" page or JSON 424). Then
 * forward to {@code route.host():route.port()} with header
 * {@code X-Enjoy-Server-Secret: route.secret()}, and call {@link #touch(ServerKey)} whenever bytes
 * flow in either direction (cheap: it only sets a timestamp in memory; the hub flushes activity
 * to PostgreSQL every few seconds).
 *
 * <p>All methods are safe to call from any event loop; lookups are O(1) and never block.
 */
public interface RouteTable {

  /** Memory only; never touches the database. */
  Optional<Route> lookup(String user, String serverName);

  /** {@link #lookup} first; on a miss, a reload of that one server from PostgreSQL. */
  Future<Optional<Route>> resolve(String user, String serverName);

  /**
   * Memory only: does {@code user} have a named server called {@code serverName} (running or not;
   * JupyterHub's "the user has this spawner")? Then {@code /user/<user>/<serverName>/...} belongs
   * to that server, and shows its own "not running" page when it is stopped, instead of falling
   * through to the default server. Kept up to date by the hub on create and remove, and
   * reconciled with PostgreSQL with the routes.
   */
  boolean hasNamedServer(String user, String serverName);

  /** Records proxied activity now for this server (memory only, flushed periodically). */
  void touch(ServerKey key);

  /** A snapshot of all routes (admin / metrics). */
  Collection<Route> all();
}
