package io.enjoy.gateway.state;

import io.enjoy.conf.bus.ServerKey;

/**
 * Who an API token speaks for.
 *
 * @param user   the owning user (its admin flag = admin rights of the token, unless server-scoped)
 * @param server non-null for a server token (the worker's {@code JUPYTERHUB_API_TOKEN}): it may
 *               only report activity for, and read, that one server — never act as the user
 */
public record TokenOwner(UserRecord user, ServerKey server) {

  public boolean isServerToken() {
    return server != null;
  }

  /** Full admin rights (user tokens of admins only). */
  public boolean isAdmin() {
    return server == null && user.admin();
  }
}
