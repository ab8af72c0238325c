package io.enjoy.gateway.api;

/**
 * One JupyterHub scope, optionally filtered: {@code read:users}, {@code servers!user=alice},
 * {@code servers!server=alice/gpu}, {@code read:users!group=physics-101}.
 *
 * @param name   the scope name, one of {@link ScopeTree#KNOWN}
 * @param filter {@code null}, {@code "user"}, {@code "server"} or {@code "group"}
 * @param value  the filter's value ({@code user/server} for a server filter), null when unfiltered
 */
record Scope(String name, String filter, String value) {

  static Scope of(String name) {
    return new Scope(name, null, null);
  }

  static Scope forUser(String name, String user) {
    return new Scope(name, "user", user);
  }

  static Scope forGroup(String name, String group) {
    return new Scope(name, "group", group);
  }

  /**
   * Parses a scope as a client sends it. {@code !user} without a value means {@code owner}
   * (as in JupyterHub's role definitions). Unknown names and filters are refused with the reason.
   */
  static Scope parse(String text, String owner) {
    if (text == null || text.isBlank()) {
      throw new IllegalArgumentException("A scope must not be empty");
    }
    int bang = text.indexOf('!');
    String name = bang < 0 ? text : text.substring(0, bang);
    if (!ScopeTree.KNOWN.contains(name)) {
      throw new IllegalArgumentException("Unknown scope '" + name + "' (known: " + String.join(", ", ScopeTree.KNOWN) + ")");
    }
    if (bang < 0) {
      return of(name);
    }
    String filter = text.substring(bang + 1);
    if (filter.equals("user")) {
      return forUser(name, owner);
    }
    int eq = filter.indexOf('=');
    String kind = eq < 0 ? filter : filter.substring(0, eq);
    if (eq < 0 || eq == filter.length() - 1 || !(kind.equals("user") || kind.equals("server") || kind.equals("group"))) {
      throw new IllegalArgumentException("Scope filter of '" + text + "' must be !user=<name>, !server=<user>/<server> or !group=<name>");
    }
    String value = filter.substring(eq + 1);
    if (kind.equals("server") && value.indexOf('/') < 0) {
      throw new IllegalArgumentException("Scope filter of '" + text + "' must name a server as <user>/<server>");
    }
    return new Scope(name, kind, value);
  }

  /** The user a user or server filter names, else null. */
  String filterUser() {
    if ("user".equals(filter)) {
      return value;
    }
    return "server".equals(filter) ? value.substring(0, value.indexOf('/')) : null;
  }

  @Override
  public String toString() {
    return filter == null ? name : name + "!" + filter + "=" + value;
  }
}
