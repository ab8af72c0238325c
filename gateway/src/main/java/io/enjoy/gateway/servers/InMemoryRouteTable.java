package io.enjoy.gateway.servers;

import io.enjoy.conf.bus.ServerKey;
import io.vertx.core.Future;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * {@link RouteTable} in concurrent maps. Written only by the hub ({@link #put}, {@link #remove});
 * activity is collected here and drained by the periodic flush.
 */
public final class InMemoryRouteTable implements RouteTable {
  private final Map<ServerKey, Route> routes = new ConcurrentHashMap<>();
  /** Newest proxied activity per server not yet written to PostgreSQL. */
  private final Map<ServerKey, Instant> unflushed = new ConcurrentHashMap<>();
  /** Newest proxied activity per server seen by this gateway (kept until the route goes). */
  private final Map<ServerKey, Instant> seen = new ConcurrentHashMap<>();
  /** Every named server (stopped ones too) by user: which path segments are server names, without a query per request. */
  private final Map<String, Set<String>> namedServers = new ConcurrentHashMap<>();
  private final Clock clock;
  private final Function<ServerKey, Future<Optional<Route>>> reload;

  /** @param reload reads one server from PostgreSQL; a non-empty result is added to the table */
  InMemoryRouteTable(Clock clock, Function<ServerKey, Future<Optional<Route>>> reload) {
    this.clock = clock;
    this.reload = reload;
  }

  @Override
  public Optional<Route> lookup(String user, String serverName) {
    return Optional.ofNullable(routes.get(new ServerKey(user, serverName)));
  }

  @Override
  public Future<Optional<Route>> resolve(String user, String serverName) {
    ServerKey key = new ServerKey(user, serverName);
    Route route = routes.get(key);
    if (route != null) {
      return Future.succeededFuture(Optional.of(route));
    }
    return reload.apply(key).map(found -> {
      found.ifPresent(r -> routes.putIfAbsent(key, r));
      return found.map(r -> routes.getOrDefault(key, r));
    });
  }

  @Override
  public boolean hasNamedServer(String user, String serverName) {
    Set<String> names = namedServers.get(user);
    return names != null && names.contains(serverName);
  }

  void addNamedServer(ServerKey key) {
    if (!key.server().isEmpty()) {
      namedServers.computeIfAbsent(key.user(), user -> ConcurrentHashMap.newKeySet()).add(key.server());
    }
  }

  void removeNamedServer(ServerKey key) {
    namedServers.computeIfPresent(key.user(), (user, names) -> {
      names.remove(key.server());
      return names.isEmpty() ? null : names;
    });
  }

  /** Replaces the named servers with PostgreSQL's list (at start and each reconciliation; catches other gateways' changes and deleted users). */
  void replaceNamedServers(Collection<ServerKey> keys) {
    Map<String, Set<String>> fresh = new HashMap<>();
    keys.forEach(key -> fresh.computeIfAbsent(key.user(), user -> ConcurrentHashMap.newKeySet()).add(key.server()));
    namedServers.keySet().retainAll(fresh.keySet());
    namedServers.putAll(fresh);
  }

  @Override
  public void touch(ServerKey key) {
    Instant now = clock.instant();
    unflushed.merge(key, now, InMemoryRouteTable::newer);
    seen.merge(key, now, InMemoryRouteTable::newer);
  }

  @Override
  public Collection<Route> all() {
    return List.copyOf(routes.values());
  }

  void put(Route route) {
    routes.put(route.key(), route);
  }

  void remove(ServerKey key) {
    routes.remove(key);
    seen.remove(key);
  }

  /** The newest proxied activity this gateway saw, flushed or not. */
  Optional<Instant> recentActivity(ServerKey key) {
    return Optional.ofNullable(seen.get(key));
  }

  /** Takes the activity gathered since the last call. */
  Map<ServerKey, Instant> drainActivity() {
    Map<ServerKey, Instant> drained = new HashMap<>();
    for (ServerKey key : List.copyOf(unflushed.keySet())) {
      Instant at = unflushed.remove(key);
      if (at != null) {
        drained.put(key, at);
      }
    }
    return drained;
  }

  /** Puts activity back after a failed flush, so it is written next time. */
  void restoreActivity(Map<ServerKey, Instant> activity) {
    activity.forEach((key, at) -> unflushed.merge(key, at, InMemoryRouteTable::newer));
  }

  static Instant newer(Instant a, Instant b) {
    return a.isAfter(b) ? a : b;
  }
}
