package io.enjoy.gateway.db;

/** The hub cannot use its database; the message names the setting and the cause. */
public class DatabaseUnavailableException extends RuntimeException {
  public DatabaseUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
