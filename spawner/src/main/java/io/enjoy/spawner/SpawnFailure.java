package io.enjoy.spawner;

/**
 * A start, stop or poll that failed, with a message an admin or student can act on. The code is
 * what the spawner verticle passes to {@code Message.fail}: 400 for a request that can never
 * succeed as given, 409 for a name taken by something this hub does not own, 500 for a failure
 * of the server or the engine, 504 for a deadline.
 */
public class SpawnFailure extends RuntimeException {
  public static final int BAD_REQUEST = 400;
  public static final int CONFLICT = 409;
  public static final int FAILED = 500;
  public static final int TIMED_OUT = 504;

  private final int code;

  public SpawnFailure(int code, String message) {
    super(message);
    this.code = code;
  }

  public SpawnFailure(int code, String message, Throwable cause) {
    super(message, cause);
    this.code = code;
  }

  public int code() {
    return code;
  }

  public static SpawnFailure badRequest(String message) {
    return new SpawnFailure(BAD_REQUEST, message);
  }

  /** The code for any throwable: its own for a SpawnFailure, otherwise a server failure. */
  public static int codeOf(Throwable t) {
    return t instanceof SpawnFailure f ? f.code : FAILED;
  }

  /** The message of any throwable, never null or empty. */
  public static String messageOf(Throwable t) {
    String m = t.getMessage();
    return m == null || m.isBlank() ? t.getClass().getSimpleName() : m;
  }
}
