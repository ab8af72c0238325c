package io.enjoy.worker.files;

/** A requested path that is not inside the notebook directory (or not usable); the message says why. */
public class PathRejectedException extends Exception {
  private static final long serialVersionUID = 1L;

  public PathRejectedException(String message) {
    super(message);
  }
}
