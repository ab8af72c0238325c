package io.enjoy.gateway.state;

import java.util.List;

/**
 * A user as the user list shows them: the row with the groups they belong to and the groups they
 * hold the instructor role of, read in the same query as the page.
 */
public record ListedUser(UserRecord user, List<String> groups, List<String> instructs) {
  public ListedUser {
    groups = List.copyOf(groups);
    instructs = List.copyOf(instructs);
  }
}
