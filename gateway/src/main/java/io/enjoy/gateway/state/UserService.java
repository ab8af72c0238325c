package io.enjoy.gateway.state;

import io.vertx.core.Future;
import java.util.List;
import java.util.Optional;

/**
 * Users and who may log in.
 *
 * <p>For the OIDC callback: after validating the ID token, call {@link #recordLogin(String)}
 * with the username claim. It fails with {@link UserNotAllowedException} (and writes nothing)
 * when the user may not log in; otherwise it returns the stored user, created on first login
 * with a stable uid, admin flag refreshed from the configuration (an administrator's grant stays).
 */
public interface UserService {

  /** Pure config check, no I/O: allowed_users, admin_users or allow_all, and a usable name. */
  default boolean loginAllowed(String username) {
    return loginAllowed(username, List.of());
  }

  /**
   * As {@link #loginAllowed(String)}, also admitting members of {@code auth.allowed_groups} and
   * {@code auth.admin_groups}; {@code groups} are the ones the IdP listed in this login's ID token.
   */
  boolean loginAllowed(String username, List<String> groups);

  /**
   * Whether this login is admitted: {@link #loginAllowed(String, List)} by the configuration, or
   * the user was added by an administrator (admin page or REST API).
   */
  Future<Boolean> admits(String username, List<String> groups);

  /** Pure config check: is the name in {@code auth.admin_users}. */
  default boolean isAdmin(String username) {
    return isAdmin(username, List.of());
  }

  /** Pure config check: the name is in {@code auth.admin_users} or a group in {@code auth.admin_groups}. */
  boolean isAdmin(String username, List<String> groups);

  /** Allow-list check, then insert or update the user row. Refused → failed future, no row written. */
  default Future<UserRecord> recordLogin(String username) {
    return recordLogin(username, List.of());
  }

  /** As {@link #recordLogin(String)} with the login's groups; the admin flag is refreshed from them. */
  Future<UserRecord> recordLogin(String username, List<String> groups);

  /**
   * Login keyed on the issuer's account ({@code iss} + {@code sub}), not on the name: the account
   * that logged in with this subject before keeps its row (id, uid, home directory, servers) even
   * when the issuer now gives it another name, which becomes the user's name; a subject seen for
   * the first time gets a new user, or binds a row with that name that no account is bound to yet
   * (created by an administrator). A name bound to a different subject is refused with
   * {@link UserNotAllowedException} (409), never merged. Allow-list checks as in
   * {@link #recordLogin(String, List)}; nothing is written when refused.
   */
  Future<UserRecord> recordLogin(String issuer, String subject, String username, List<String> groups);

  Future<Optional<UserRecord>> find(String username);

  /** Users in name order, {@code limit} from {@code offset} (admin lists). */
  Future<java.util.List<UserRecord>> list(int offset, int limit);

  Future<Long> count();
}
