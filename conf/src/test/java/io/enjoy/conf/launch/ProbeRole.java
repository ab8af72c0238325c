package io.enjoy.conf.launch;

import io.enjoy.conf.EnjoyConfig;
import io.vertx.core.Deployable;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;

/** A role registered through META-INF/services in the test classpath; it starts and does nothing. */
public class ProbeRole implements Role {
  @Override
  public String name() {
    return "probe";
  }

  @Override
  public Deployable create(EnjoyConfig config) {
    return new VerticleBase() {
      @Override
      public Future<?> start() {
        return Future.succeededFuture();
      }
    };
  }
}
