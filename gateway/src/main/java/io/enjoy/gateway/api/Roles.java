package io.enjoy.gateway.api;

import io.enjoy.conf.bus.ServerKey;
import io.enjoy.gateway.state.UserRecord;
import java.util.ArrayList;
import java.util.List;

/**
 * The roles of hub-anchors §1/§5 as scopes. {@code user}: everything about oneself;
 * {@code admin}: the hub-wide admin scopes; {@code server}: a server's own token reports its
 * activity; {@code instructor} of a group: read its members and start/stop their servers — but
 * never change membership (with {@code groups!group=g} an instructor could add anyone to g and
 * so reach their server: JupyterHub's documented escalation).
 */
final class Roles {
  private static final List<String> USER = List.of("read:users", "users:activity", "servers", "access:servers", "tokens");
  private static final List<String> ADMIN = List.of("admin:users", "admin:servers", "admin:groups", "tokens", "access:servers",
      "read:hub", "read:metrics", "admin-ui");
  private static final List<String> INSTRUCTOR = List.of("read:users", "list:users", "read:servers", "servers", "read:groups", "list:groups");

  private Roles() {}

  static Grants forUser(UserRecord user, List<String> instructs) {
    List<Scope> scopes = new ArrayList<>();
    USER.forEach(name -> scopes.add(Scope.forUser(name, user.name())));
    if (user.admin()) {
      ADMIN.forEach(name -> scopes.add(Scope.of(name)));
    }
    for (String group : instructs) {
      scopes.addAll(instructorScopes(group));
    }
    return new Grants(scopes);
  }

  /** The scopes the instructor role of {@code group} grants. */
  static List<Scope> instructorScopes(String group) {
    return INSTRUCTOR.stream().map(name -> Scope.forGroup(name, group)).toList();
  }

  static Grants forServer(ServerKey key) {
    String server = key.user() + "/" + key.server();
    return new Grants(List.of(new Scope("users:activity", "server", server), new Scope("access:servers", "server", server)));
  }

  /** Role names for the user model's {@code roles}. */
  static List<String> names(UserRecord user, List<String> instructs) {
    List<String> names = new ArrayList<>(List.of("user"));
    if (user.admin()) {
      names.add("admin");
    }
    if (!instructs.isEmpty()) {
      names.add("instructor");
    }
    return names;
  }
}
