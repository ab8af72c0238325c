package io.enjoy.gateway.servers;

import io.enjoy.conf.EnjoyConfig;
import io.enjoy.gateway.state.HubOptions;
import io.enjoy.gateway.state.HubServices;
import io.enjoy.gateway.testing.Await;
import io.enjoy.gateway.testing.SpawnerDouble;
import io.enjoy.gateway.testing.TestConfigs;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/** A real hub (embedded PostgreSQL under a temporary data_dir) with the test playing the spawner. */
final class HubFixture implements AutoCloseable {
  static final HubOptions FAST = new HubOptions(Duration.ofHours(1), Duration.ofSeconds(10), Duration.ofMillis(200), Duration.ofHours(1), Clock.systemUTC());

  final Vertx vertx = Vertx.vertx();
  final SpawnerDouble spawner = new SpawnerDouble(vertx).register();
  final EnjoyConfig config;
  HubServices hub;

  HubFixture(Path dataDir) {
    config = TestConfigs.embedded(dataDir, List.of("alice", "bob"), List.of("prof"));
  }

  HubFixture start() {
    return start(FAST);
  }

  HubFixture start(HubOptions options) {
    hub = Await.result(HubServices.start(vertx, config, options));
    return this;
  }

  HubFixture login(String... names) {
    for (String name : names) {
      Await.result(hub.users().recordLogin(name));
    }
    return this;
  }

  /** Stops the hub as a process exit would: user servers are left alone. */
  void stopHub() {
    Await.result(hub.close());
    hub = null;
  }

  InMemoryRouteTable table() {
    return (InMemoryRouteTable) hub.routes();
  }

  @Override
  public void close() {
    if (hub != null) {
      Await.result(hub.close());
    }
    Await.result(vertx.close());
  }
}
