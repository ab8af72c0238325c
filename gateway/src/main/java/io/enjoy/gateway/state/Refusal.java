package io.enjoy.gateway.state;

/**
 * A request the hub's state refuses for a reason the caller can fix (unknown user, name taken,
 * bad name); {@code httpStatus} is JupyterHub's status for it and the message names the cause.
 */
public class Refusal extends RuntimeException {
  private final int httpStatus;

  public Refusal(int httpStatus, String message) {
    super(message);
    this.httpStatus = httpStatus;
  }

  public int httpStatus() {
    return httpStatus;
  }
}
