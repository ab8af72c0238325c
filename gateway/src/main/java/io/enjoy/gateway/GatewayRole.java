package io.enjoy.gateway;

import io.enjoy.conf.EnjoyConfig;
import io.enjoy.conf.launch.Role;
import io.vertx.core.Deployable;

/** The {@code gateway} role: HTTPS, login, hub pages, REST API, proxy and hub state. */
public final class GatewayRole implements Role {
  @Override
  public String name() {
    return "gateway";
  }

  @Override
  public Deployable create(EnjoyConfig config) {
    return new GatewayVerticle(config);
  }
}
