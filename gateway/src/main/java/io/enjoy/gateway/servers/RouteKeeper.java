package io.enjoy.gateway.servers;

import io.enjoy.conf.bus.Addresses;
import io.enjoy.conf.bus.ServerKey;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.json.JsonObject;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Adds and removes routes, announcing each change on {@link Addresses#ROUTES_CHANGED}. */
final class RouteKeeper {
  private static final Logger log = LoggerFactory.getLogger(RouteKeeper.class);

  private final InMemoryRouteTable table;
  private final EventBus bus;
  private final ServerSecrets secrets;

  RouteKeeper(InMemoryRouteTable table, EventBus bus, ServerSecrets secrets) {
    this.table = table;
    this.bus = bus;
    this.secrets = secrets;
  }

  InMemoryRouteTable table() {
    return table;
  }

  /**
   * The route of a running row, with its secret derived again. Empty when the row is not
   * running, or when the derived secret does not match the stored hash (the hub key changed:
   * the worker would refuse every request).
   */
  Optional<Route> routeFor(ServerRow row) {
    if (!row.running() || row.host() == null || row.secretNonce() == null) {
      return Optional.empty();
    }
    String secret = secrets.derive(row.key(), row.secretNonce());
    if (!ServerSecrets.hash(secret).equals(row.secretHash())) {
      log.error("Cannot route {}: its secret does not derive from this hub's key ({} changed?)", row.key(), ServerSecrets.KEY_FILE);
      return Optional.empty();
    }
    return Optional.of(new Route(row.key(), row.host(), row.port(), secret));
  }

  void add(Route route) {
    table.put(route);
    announce(route.key());
  }

  void drop(ServerKey key) {
    if (table.lookup(key.user(), key.server()).isPresent()) {
      table.remove(key);
      announce(key);
    }
  }

  private void announce(ServerKey key) {
    bus.publish(Addresses.ROUTES_CHANGED, new JsonObject().put("user", key.user()).put("server", key.server()));
  }
}
