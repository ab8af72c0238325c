package io.enjoy.gateway.api;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The scopes this hub knows and which broader scope implies which narrower ones, following
 * JupyterHub's {@code scopes.py} for the subset implemented here.
 */
final class ScopeTree {
  private static final Map<String, List<String>> IMPLIES = Map.ofEntries(
      Map.entry("admin:users", List.of("users", "delete:users")),
      Map.entry("users", List.of("read:users", "list:users", "users:activity")),
      Map.entry("admin:servers", List.of("servers", "admin:server_state")),
      Map.entry("servers", List.of("read:servers", "delete:servers")),
      Map.entry("admin:groups", List.of("groups", "delete:groups")),
      Map.entry("groups", List.of("read:groups", "list:groups")),
      Map.entry("tokens", List.of("read:tokens")));

  /** Every scope name, broad ones first. */
  static final List<String> KNOWN = List.of(
      "admin:users", "users", "read:users", "list:users", "users:activity", "delete:users",
      "admin:servers", "servers", "read:servers", "delete:servers", "admin:server_state", "access:servers",
      "admin:groups", "groups", "read:groups", "list:groups", "delete:groups",
      "tokens", "read:tokens", "read:hub", "read:metrics", "admin-ui");

  /**
   * Each known scope with everything it implies, worked out once: the tree never changes, and
   * every API request asks {@link #implies} many times (it showed on top of a profile).
   */
  private static final Map<String, Set<String>> CLOSURE = KNOWN.stream()
      .collect(java.util.stream.Collectors.toUnmodifiableMap(name -> name, ScopeTree::computeExpansion));

  private ScopeTree() {}

  /** {@code name} and every scope it implies. */
  static Set<String> expand(String name) {
    Set<String> known = CLOSURE.get(name);
    return known != null ? known : computeExpansion(name);
  }

  private static Set<String> computeExpansion(String name) {
    Set<String> result = new HashSet<>();
    expandInto(name, result);
    return Set.copyOf(result);
  }

  private static void expandInto(String name, Set<String> into) {
    if (into.add(name)) {
      IMPLIES.getOrDefault(name, List.of()).forEach(child -> expandInto(child, into));
    }
  }

  /** Does holding {@code held} grant {@code wanted} (ignoring filters)? */
  static boolean implies(String held, String wanted) {
    return expand(held).contains(wanted);
  }
}
