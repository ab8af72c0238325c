package io.enjoy.gateway.api;

import io.enjoy.conf.bus.ServerKey;
import io.enjoy.gateway.state.UserRecord;

/**
 * Who is calling the API.
 *
 * @param user   the acting user
 * @param server non-null for a server token: it may report activity for that server only
 */
record ApiCaller(UserRecord user, ServerKey server) {

  boolean admin() {
    return server == null && user.admin();
  }

  /** May act as (read, start, stop) user {@code name}: admins on anyone, users on themselves. */
  boolean mayActOn(String name) {
    return admin() || (server == null && user.name().equals(name));
  }

  /** May report activity for {@code key}: a server token only for its own server. */
  boolean mayReportFor(ServerKey key) {
    if (server != null) {
      return server.equals(key);
    }
    return mayActOn(key.user());
  }

  String describe() {
    return server != null ? "server token of " + server : user.name() + (admin() ? " (admin)" : "");
  }
}
