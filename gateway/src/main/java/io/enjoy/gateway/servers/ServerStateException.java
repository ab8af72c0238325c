package io.enjoy.gateway.servers;

/** A refused or failed server transition; {@link Kind#httpStatus} is what the REST API answers. */
public class ServerStateException extends RuntimeException {

  public enum Kind {
    NO_SUCH_USER(404),
    ALREADY_RUNNING(400),
    BAD_REQUEST(400),
    SPAWN_FAILED(500),
    STOP_FAILED(500);

    public final int httpStatus;

    Kind(int httpStatus) {
      this.httpStatus = httpStatus;
    }
  }

  private final Kind kind;

  public ServerStateException(Kind kind, String message) {
    super(message);
    this.kind = kind;
  }

  public Kind kind() {
    return kind;
  }
}
