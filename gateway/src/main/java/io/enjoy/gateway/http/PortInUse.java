package io.enjoy.gateway.http;

import io.enjoy.conf.ConfigException;
import java.net.BindException;

/**
 * Turns "Address already in use" into a configuration error naming the setting, so an admin
 * whose port 8443 is taken reads which key to change instead of a socket stack trace.
 */
public final class PortInUse {
  private PortInUse() {}

  public static Throwable explain(Throwable failure, String key, String host, int port) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof BindException || String.valueOf(t.getMessage()).contains("Address already in use")) {
        return ConfigException.forKey(key, "port " + port + " on " + host + " is already in use (another EnJoY or another "
            + "program listens there); choose a free port, or 0 for any free port");
      }
    }
    return failure;
  }
}
