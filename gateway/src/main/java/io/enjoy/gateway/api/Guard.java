package io.enjoy.gateway.api;

import io.enjoy.gateway.state.GroupService;
import io.vertx.core.Future;
import java.util.List;

/**
 * Checks a caller's scope on a user, one of their servers, or a group before a handler acts.
 * Group memberships are read only when the caller holds group-filtered scopes (instructors).
 */
final class Guard {
  private final GroupService groups;

  Guard(GroupService groups) {
    this.groups = groups;
  }

  /** Succeeds when the caller holds {@code scope} on user {@code user}; fails 403 otherwise. */
  Future<Target> user(ApiCaller caller, String scope, String user) {
    return target(caller, user, null).compose(t -> check(caller, scope, t, "user " + user));
  }

  /** As {@link #user} for server {@code server} ({@code ""} = default) of {@code user}. */
  Future<Target> server(ApiCaller caller, String scope, String user, String server) {
    String what = server.isEmpty() ? "the server of " + user : "server " + user + "/" + server;
    return target(caller, user, server).compose(t -> check(caller, scope, t, what));
  }

  Future<Target> group(ApiCaller caller, String scope, String group) {
    return check(caller, scope, Target.group(group), "group " + group);
  }

  /** The groups of {@code user} when scopes filtered by group need them. */
  Future<List<String>> groupsOf(ApiCaller caller, String user) {
    if (user == null || !caller.needsGroupsOfTargets()) {
      return Future.succeededFuture(List.of());
    }
    return groups.groupsOf(List.of(user)).map(byUser -> byUser.getOrDefault(user, List.of()));
  }

  private Future<Target> target(ApiCaller caller, String user, String server) {
    return groupsOf(caller, user).map(g -> server == null ? Target.user(user, g) : Target.server(user, g, server));
  }

  private static Future<Target> check(ApiCaller caller, String scope, Target target, String what) {
    return caller.allows(scope, target) ? Future.succeededFuture(target) : Future.failedFuture(ApiResponses.forbidden(caller, scope, what));
  }
}
