package io.enjoy.gateway.state;

import java.util.List;

/**
 * A page of the user list as {@code GET /users} asks for it.
 *
 * @param namePrefix JupyterHub's {@code name_filter}: names starting with it; null or empty = all
 * @param state      {@code active} (a server running or pending), {@code ready} (one running),
 *                   {@code inactive} (none), or null = all
 * @param visibility what the caller may see (every one must pass)
 */
public record UserQuery(String namePrefix, String state, List<Visibility> visibility, int offset, int limit) {
  public UserQuery {
    visibility = List.copyOf(visibility);
    if (state != null && !List.of("active", "ready", "inactive").contains(state)) {
      throw new IllegalArgumentException("state must be active, inactive or ready, not '" + state + "'");
    }
  }
}
