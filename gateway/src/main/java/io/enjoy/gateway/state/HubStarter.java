package io.enjoy.gateway.state;

import io.enjoy.conf.EnjoyConfig;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

/** Wires database, services and re-adoption together (see {@link HubServices#start}). */
final class HubStarter {
  private HubStarter() {}

  static Future<HubServices> start(Vertx vertx, EnjoyConfig config) {
    return Future.failedFuture(new UnsupportedOperationException("HubServices is being implemented"));
  }
}
