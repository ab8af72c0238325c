package io.enjoy.gateway.state;

/**
 * Login refused: the name is not on {@code auth.allowed_users} / {@code auth.admin_users} (and
 * {@code auth.allow_all} is false), or the name itself is unusable. The message says which and
 * can be shown on the login error page (HTTP 403 for not allowed, 400 for a bad name).
 */
public class UserNotAllowedException extends RuntimeException {
  private final int httpStatus;

  public UserNotAllowedException(int httpStatus, String message) {
    super(message);
    this.httpStatus = httpStatus;
  }

  public int httpStatus() {
    return httpStatus;
  }
}
