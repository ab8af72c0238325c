package io.enjoy.culler;

import io.enjoy.conf.EnjoyConfig;
import io.enjoy.conf.launch.Role;
import io.vertx.core.Deployable;
import java.time.Clock;

/** The {@code culler} role: one {@link CullerVerticle} on the system clock. */
public class CullerRole implements Role {
  @Override
  public String name() {
    return "culler";
  }

  @Override
  public Deployable create(EnjoyConfig config) {
    return new CullerVerticle(config.culler(), Clock.systemUTC());
  }
}
