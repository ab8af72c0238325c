package io.enjoy.gateway.servers;

import io.enjoy.conf.EnjoyConfig;
import io.enjoy.conf.bus.Addresses;
import io.enjoy.gateway.state.HubOptions;
import io.enjoy.gateway.state.TokenService;
import io.enjoy.gateway.state.UserService;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;

/**
 * Server lifecycle wired together: route table, server service, re-adoption, activity flush
 * and the hub's event-bus consumers. Started by {@code HubServices}.
 */
public final class ServerModule {
  private final InMemoryRouteTable routes;
  private final HubServerService servers;
  private final ActivityFlusher flusher;
  private final HubBusConsumers consumers;
  private final RouteSync sync;
  private final WorkerActivityProbe activityProbe;

  private ServerModule(InMemoryRouteTable routes, HubServerService servers, ActivityFlusher flusher, HubBusConsumers consumers,
      RouteSync sync, WorkerActivityProbe activityProbe) {
    this.routes = routes;
    this.servers = servers;
    this.flusher = flusher;
    this.consumers = consumers;
    this.sync = sync;
    this.activityProbe = activityProbe;
  }

  /** Loads the hub key, re-adopts running servers, then starts the flush and the consumers. */
  public static Future<ServerModule> start(Vertx vertx, EnjoyConfig config, Pool pool, UserService users, TokenService tokens, HubOptions options) {
    return ServerSecrets.load(vertx, config.dataDir()).compose(secrets -> {
      ServerRepository repository = new ServerRepository(pool);
      RouteKeeper[] keeper = new RouteKeeper[1];
      InMemoryRouteTable table = new InMemoryRouteTable(options.clock(),
          key -> repository.find(key).map(row -> row.flatMap(r -> keeper[0].routeFor(r))));
      keeper[0] = new RouteKeeper(table, vertx.eventBus(), secrets);
      SpawnerClient spawner = new SpawnerClient(vertx.eventBus(),
          Addresses.startTimeout(config.spawner().startTimeout()), Addresses.SHORT_TIMEOUT);
      ServerViews views = new ServerViews(table);
      HubServerService servers = new HubServerService(repository, users, tokens, secrets, spawner,
          new SpawnRequests(config.spawner()), keeper[0], views, new ProgressEvents(vertx.eventBus()), options.namedServerLimit());
      Readoption readoption = new Readoption(vertx, repository, keeper[0], spawner, tokens, options.pollRetryDelay());
      ActivityFlusher flusher = new ActivityFlusher(vertx, table, repository);
      HubBusConsumers consumers = new HubBusConsumers(vertx.eventBus(), repository, views, servers);
      RouteSync sync = new RouteSync(vertx, repository, keeper[0], servers::busy);
      WorkerActivityProbe activityProbe = new WorkerActivityProbe(vertx, table, repository);
      return readoption.run(options.readoptionWait()).compose(v -> repository.namedServers()).map(named -> {
        table.replaceNamedServers(named);
        flusher.start(options.activityFlushEvery());
        sync.start(options.routeSyncEvery());
        activityProbe.start(WorkerActivityProbe.intervalFor(config.culler()));
        consumers.register();
        return new ServerModule(table, servers, flusher, consumers, sync, activityProbe);
      });
    });
  }

  public ServerService servers() {
    return servers;
  }

  public HubHistograms histograms() {
    return servers.metrics();
  }

  public RouteTable routes() {
    return routes;
  }

  /** Reads every routed worker's own last activity now (tests). */
  public Future<Void> probeWorkerActivity() {
    return activityProbe.pass();
  }

  /** Writes the activity gathered so far now (tests, shutdown). */
  public Future<Void> flushActivity() {
    return flusher.flush();
  }

  public Future<Void> close() {
    sync.stop();
    return consumers.unregister().eventually(activityProbe::stop).eventually(flusher::stop);
  }
}
