package io.enjoy.gateway.http;

/**
 * A failure whose message is written for the user and safe to show (no internals). Any other
 * failure is answered with a generic text and a correlation id; the details go to the log only.
 */
public class ShownError extends RuntimeException {
  private final int status;

  public ShownError(int status, String message) {
    super(message, null, false, false);
    this.status = status;
  }

  public int status() {
    return status;
  }
}
