package io.enjoy.gateway.servers;

import io.enjoy.conf.bus.ServerKey;

/** Test access to the gateway's in-memory route table (its mutators are package-private). */
public final class RouteTables {
  private RouteTables() {}

  /** Drops a route from memory only, as a gateway that has never seen it would be: PostgreSQL still has it. */
  public static void forget(RouteTable table, ServerKey key) {
    ((InMemoryRouteTable) table).remove(key);
  }
}
