package io.enjoy.worker.display;

/**
 * Hands the live object of a cell's last expression from JShell's snippet code to the kernel:
 * the kernel evaluates one hidden {@code ResultHolder.capture($n)} snippet and then takes it.
 * (JShell's own event only carries the value as a string, which cannot render a plot.)
 */
public final class ResultHolder {
  private static Object captured;

  private ResultHolder() {}

  public static synchronized void capture(Object value) {
    captured = value;
  }

  public static synchronized Object take() {
    Object v = captured;
    captured = null;
    return v;
  }
}
