package io.enjoy.conf.launch;

/** A role's verticle failed to start; the message names the role, the cause is the real failure. */
public class RoleStartException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String role;

  public RoleStartException(String role, Throwable cause) {
    super("role " + role + " failed to start: " + cause.getMessage(), cause);
    this.role = role;
  }

  public String role() {
    return role;
  }
}
