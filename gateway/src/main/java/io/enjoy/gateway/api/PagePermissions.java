package io.enjoy.gateway.api;

import io.enjoy.gateway.state.GroupService;
import io.enjoy.gateway.state.UserRecord;
import io.enjoy.gateway.state.Visibility;
import io.vertx.core.Future;
import java.util.List;

/**
 * What a logged-in user may do from the hub's pages, decided by the same roles and scopes as the
 * REST API ({@link Roles}): a page offers, and its form handler allows, only what the API would.
 */
public final class PagePermissions {
  private final Grants grants;
  private final List<String> instructs;

  private PagePermissions(Grants grants, List<String> instructs) {
    this.grants = grants;
    this.instructs = List.copyOf(instructs);
  }

  /** The user's rights now: their admin flag as stored and the instructor roles they hold. */
  public static Future<PagePermissions> of(GroupService groups, UserRecord user) {
    return groups.instructs(user.name()).map(instructs -> new PagePermissions(Roles.forUser(user, instructs), instructs));
  }

  /** The groups whose instructor role the user holds, sorted. */
  public List<String> instructs() {
    return instructs.stream().sorted().toList();
  }

  /** May the user do {@code scope} (e.g. {@code servers}, {@code delete:servers}) to server {@code server} of {@code owner}, a member of {@code ownerGroups}? */
  public boolean allowsServer(String scope, String owner, List<String> ownerGroups, String server) {
    return grants.allows(scope, Target.server(owner, ownerGroups, server));
  }

  /** Which users a list under {@code scope} (e.g. {@code list:users}) may show. */
  public Visibility visibility(String scope) {
    return grants.visibility(scope, false);
  }
}
