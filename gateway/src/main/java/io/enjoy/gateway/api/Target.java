package io.enjoy.gateway.api;

import java.util.List;

/**
 * What a request acts on, as scope filters see it: a user (and the groups they belong to),
 * one of their servers, or a group.
 *
 * @param user       the user acted on, or null for a group
 * @param userGroups groups {@code user} belongs to
 * @param server     the server name ({@code ""} = default) when acting on a server, else null
 * @param group      the group acted on, or null
 */
record Target(String user, List<String> userGroups, String server, String group) {

  static Target user(String name, List<String> groups) {
    return new Target(name, List.copyOf(groups), null, null);
  }

  static Target server(String user, List<String> groups, String server) {
    return new Target(user, List.copyOf(groups), server, null);
  }

  static Target group(String name) {
    return new Target(null, List.of(), null, name);
  }

  /** Does a grant with this filter reach this target? */
  boolean matches(Scope grant) {
    if (grant.filter() == null) {
      return true;
    }
    return switch (grant.filter()) {
      case "user" -> grant.value().equals(user);
      case "server" -> server != null && grant.value().equals(user + "/" + server);
      case "group" -> grant.value().equals(group) || userGroups.contains(grant.value());
      default -> false;
    };
  }
}
