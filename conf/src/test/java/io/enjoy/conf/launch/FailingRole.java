package io.enjoy.conf.launch;

import io.enjoy.conf.EnjoyConfig;
import io.vertx.core.Deployable;
import io.vertx.core.Future;

/** A role registered in the test classpath whose start always fails, like a gateway whose port is taken. */
public class FailingRole implements Role {
  public static final String FAILURE = "simulated: address 127.0.0.1:8443 already in use";

  @Override
  public String name() {
    return "failing";
  }

  @Override
  public Deployable create(EnjoyConfig config) {
    return context -> Future.failedFuture(new java.net.BindException(FAILURE));
  }
}
