package io.enjoy.gateway.state;

import io.vertx.core.Future;
import java.util.List;

/**
 * Administration of user rows (the API's and the admin page's): creating users ahead of their
 * first login, the admin flag, deletion, and the searchable, paginated list. Logins go through
 * {@link UserService}.
 */
public interface UserDirectory {

  /**
   * Creates the users that do not exist yet, with the given admin flag (a grant, as
   * {@link #setAdmin}); returns the created ones
   * in the order given. A bad name fails 400 and creates nothing.
   */
  Future<List<UserRecord>> create(List<String> names, boolean admin);

  /**
   * An administrator grants or takes the admin flag. A grant persists across the user's logins;
   * taking it from someone {@code auth.admin_users}/{@code admin_groups} name holds only until their
   * next login or session re-check. Fails 404 for an unknown user.
   */
  Future<UserRecord> setAdmin(String name, boolean admin);

  /** Deletes the row and everything hanging off it (servers must be stopped first); false if unknown. */
  Future<Boolean> delete(String name);

  Future<Page<UserRecord>> page(UserQuery query);

  /** {@link #page} with each user's groups and instructor roles, in one round trip. */
  Future<Page<ListedUser>> listing(UserQuery query);

  /** The user's own last activity (JupyterHub's top-level {@code last_activity} report); moves forward only. */
  Future<Void> recordActivity(String name, java.time.Instant at);

  /** Hub-wide numbers for {@code /hub/metrics}. */
  Future<HubCounts> counts();
}
