package io.enjoy.gateway.state;

import io.enjoy.conf.EnjoyConfig;
import io.enjoy.gateway.servers.RouteTable;
import io.enjoy.gateway.servers.ServerService;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

/**
 * The hub's state and server lifecycle, started once per gateway node.
 *
 * <p>{@link #start(Vertx, EnjoyConfig)} starts (or connects to) PostgreSQL, applies the
 * migrations, re-adopts servers that were running before a hub restart (routes rebuilt before
 * the future completes for live servers; dead ones marked stopped), registers the hub's
 * event-bus consumers ({@code enjoy.hub.servers.running}, {@code enjoy.hub.server.stop}) and
 * starts the periodic activity flush. If the database cannot be reached it fails with a message
 * naming {@code database.url} and the cause, having started nothing.
 *
 * <p>Typical use in the gateway verticle:
 * <pre>
 *   HubServices.start(vertx, config).compose(hub -&gt; {
 *     router.route("/hub/api/*").subRouter(HubApi.router(vertx, hub));
 *     ... hub.routes() for the proxy, hub.users() for login, hub.servers() for pages ...
 *   });
 *   // in stop(): hub.close()  — never stops user servers
 * </pre>
 */
public interface HubServices {

  static Future<HubServices> start(Vertx vertx, EnjoyConfig config) {
    return start(vertx, config, HubOptions.defaults().withNamedServerLimit(config.spawner().namedServerLimit()));
  }

  /** As {@link #start(Vertx, EnjoyConfig)} with explicit timings (tests). */
  static Future<HubServices> start(Vertx vertx, EnjoyConfig config, HubOptions options) {
    return HubStarter.start(vertx, config, options);
  }

  UserService users();

  TokenService tokens();

  GroupService groups();

  UserDirectory directory();

  /** The timings and limits this hub was started with. */
  HubOptions options();

  ServerService servers();

  RouteTable routes();

  /** Start, stop and API request durations for {@code /hub/metrics}. */
  io.enjoy.gateway.servers.HubHistograms histograms();

  /** The hub's connection pool, for components with tables of their own (login sessions). */
  io.vertx.sqlclient.Pool pool();

  /**
   * Writes the proxied activity and the API token uses gathered so far to PostgreSQL now (it
   * happens every {@link HubOptions#activityFlushEvery} anyway, and on {@link #close()}).
   */
  Future<Void> flushActivity();

  /** Reads every running worker's own last activity now instead of at the next periodic pass (tests). */
  Future<Void> probeWorkerActivity();

  /** Flushes pending activity, unregisters consumers, closes the pool and the embedded database. User servers keep running. */
  Future<Void> close();
}
