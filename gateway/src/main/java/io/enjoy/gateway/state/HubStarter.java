package io.enjoy.gateway.state;

import io.enjoy.conf.EnjoyConfig;
import io.enjoy.gateway.db.Database;
import io.enjoy.gateway.servers.RouteTable;
import io.enjoy.gateway.servers.ServerModule;
import io.enjoy.gateway.servers.ServerService;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Wires database, services and re-adoption together (see {@link HubServices#start}). */
final class HubStarter {
  private static final Logger log = LoggerFactory.getLogger(HubStarter.class);

  private HubStarter() {}

  static Future<HubServices> start(Vertx vertx, EnjoyConfig config, HubOptions options) {
    return Database.open(vertx, config).compose(db -> {
      UserService users = new PgUserService(db.pool(), config.auth());
      PgTokenService tokens = new PgTokenService(db.pool(), options.clock()).flushingEvery(vertx, options.activityFlushEvery());
      return ServerModule.start(vertx, config, db.pool(), users, tokens, options)
          .<HubServices>map(module -> new Started(db, users, tokens, new PgGroupService(db.pool()), new PgUserDirectory(db.pool()),
              options, module))
          .onFailure(e -> tokens.close().eventually(db::close))
          .onSuccess(hub -> log.info("Hub state ready on {}", db.display()));
    });
  }

  private record Started(Database db, UserService users, PgTokenService tokens, GroupService groups, UserDirectory directory,
      HubOptions options, ServerModule module) implements HubServices {
    @Override
    public ServerService servers() {
      return module.servers();
    }

    @Override
    public io.enjoy.gateway.servers.HubHistograms histograms() {
      return module.histograms();
    }

    @Override
    public RouteTable routes() {
      return module.routes();
    }

    @Override
    public io.vertx.sqlclient.Pool pool() {
      return db.pool();
    }

    @Override
    public Future<Void> flushActivity() {
      return Future.join(module.flushActivity(), tokens.flushActivity()).mapEmpty();
    }

    @Override
    public Future<Void> probeWorkerActivity() {
      return module.probeWorkerActivity();
    }

    @Override
    public Future<Void> close() {
      return module.close().eventually(tokens::close).eventually(db::close);
    }
  }
}
