package io.enjoy.gateway.state;

import io.enjoy.conf.bus.ServerKey;
import java.util.List;

/**
 * Who an API token speaks for.
 *
 * @param user    the owning user (its admin flag = admin rights of the token, unless server-scoped)
 * @param server  non-null for a server token (the worker's {@code JUPYTERHUB_API_TOKEN}): it may
 *                only report activity for, and read, that one server — never act as the user
 * @param scopes  the scopes the token was created with; empty = the owner's (inherit)
 * @param tokenId database id of the token
 * @param instructs groups the owner holds the instructor role of, read with the token (one round
 *                  trip per request instead of two)
 */
public record TokenOwner(UserRecord user, ServerKey server, List<String> scopes, long tokenId, List<String> instructs) {

  public TokenOwner {
    scopes = List.copyOf(scopes);
    instructs = List.copyOf(instructs);
  }

  public boolean isServerToken() {
    return server != null;
  }

  /** Full admin rights (user tokens of admins that inherit their owner's rights). */
  public boolean isAdmin() {
    return server == null && user.admin() && scopes.isEmpty();
  }
}
