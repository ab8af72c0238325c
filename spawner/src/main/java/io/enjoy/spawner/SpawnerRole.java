package io.enjoy.spawner;

import io.enjoy.conf.EnjoyConfig;
import io.enjoy.conf.launch.Role;
import io.vertx.core.Deployable;

/** {@code roles: [spawner]}: the spawner verticle with the backend {@code spawner.backend} selects. */
public final class SpawnerRole implements Role {
  @Override
  public String name() {
    return "spawner";
  }

  @Override
  public Deployable create(EnjoyConfig config) {
    BackendSelector.Placement placement = BackendSelector.Placement.of(config);
    return new SpawnerVerticle(vertx -> BackendSelector.select(vertx, config.spawner(), placement));
  }
}
