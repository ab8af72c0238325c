package io.enjoy.gateway.api;

import io.enjoy.gateway.state.Visibility;
import java.util.ArrayList;
import java.util.List;

/** A set of (possibly filtered) scopes someone holds, and the questions asked of it. */
record Grants(List<Scope> scopes) {

  Grants {
    scopes = List.copyOf(scopes);
  }

  /** May the holder do {@code scope} to {@code target}? */
  boolean allows(String scope, Target target) {
    return scopes.stream().anyMatch(held -> ScopeTree.implies(held.name(), scope) && target.matches(held));
  }

  /** Held without any filter (e.g. the hub-wide {@code admin:users} of admins)? */
  boolean allowsEverywhere(String scope) {
    return scopes.stream().anyMatch(held -> held.filter() == null && ScopeTree.implies(held.name(), scope));
  }

  /** Does it hold anything filtered by group (then targets' group memberships matter)? */
  boolean hasGroupFilters() {
    return scopes.stream().anyMatch(s -> "group".equals(s.filter()));
  }

  /** Which users ({@code forGroups=false}) or groups a list under {@code scope} may show. */
  Visibility visibility(String scope, boolean forGroups) {
    if (allowsEverywhere(scope)) {
      return Visibility.ALL;
    }
    List<String> users = new ArrayList<>();
    List<String> groups = new ArrayList<>();
    for (Scope held : scopes) {
      if (!ScopeTree.implies(held.name(), scope) || held.filter() == null) {
        continue;
      }
      if (held.filter().equals("group")) {
        groups.add(held.value());
      } else if (!forGroups) {
        users.add(held.filterUser());
      }
    }
    return new Visibility(false, users, groups);
  }

  /**
   * Does holding these grant everything {@code wanted} would? {@code wantedUserGroups} are the
   * groups of the user {@code wanted}'s filter names (a group grant covers its members).
   */
  boolean covers(Scope wanted, List<String> wantedUserGroups) {
    return scopes.stream().anyMatch(held -> ScopeTree.implies(held.name(), wanted.name())
        && filterCovers(held, wanted, wantedUserGroups));
  }

  private static boolean filterCovers(Scope held, Scope wanted, List<String> wantedUserGroups) {
    if (held.filter() == null) {
      return true;
    }
    if (wanted.filter() == null) {
      return false;
    }
    if (held.filter().equals(wanted.filter()) && held.value().equals(wanted.value())) {
      return true;
    }
    return switch (held.filter()) {
      case "user" -> wanted.filter().equals("server") && held.value().equals(wanted.filterUser());
      case "group" -> wanted.filterUser() != null && wantedUserGroups.contains(held.value());
      default -> false;
    };
  }

  List<String> names() {
    return scopes.stream().map(Scope::toString).toList();
  }
}
