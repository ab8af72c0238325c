package io.enjoy.gateway.state;

import io.vertx.core.Future;
import java.util.Optional;

/**
 * Users and who may log in.
 *
 * <p>For the OIDC callback: after validating the ID token, call {@link #recordLogin(String)}
 * with the username claim. It fails with {@link UserNotAllowedException} (and writes nothing)
 * when the user may not log in; otherwise it returns the stored user, created on first login
 * with a stable uid, admin flag refreshed from the configuration.
 */
public interface UserService {

  /** Pure config check, no I/O: allowed_users, admin_users or allow_all, and a usable name. */
  boolean loginAllowed(String username);

  /** Pure config check: is the name in {@code auth.admin_users}. */
  boolean isAdmin(String username);

  /** Allow-list check, then insert or update the user row. Refused → failed future, no row written. */
  Future<UserRecord> recordLogin(String username);

  Future<Optional<UserRecord>> find(String username);

  /** Users in name order, {@code limit} from {@code offset} (admin lists). */
  Future<java.util.List<UserRecord>> list(int offset, int limit);

  Future<Long> count();
}
