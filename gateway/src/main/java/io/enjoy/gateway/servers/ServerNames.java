package io.enjoy.gateway.servers;

import java.util.Optional;
import java.util.regex.Pattern;

/** Which named-server names the hub accepts: readable in URLs and container names. */
public final class ServerNames {
  private static final Pattern ALLOWED = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._~-]{0,62}");

  private ServerNames() {}

  /** Empty when {@code name} may name a server, else why not. */
  public static Optional<String> problem(String name) {
    if (name != null && ALLOWED.matcher(name).matches()) {
      return Optional.empty();
    }
    return Optional.of("Server name '" + name
        + "' is not allowed: use 1-63 letters, digits, '.', '_', '~' or '-', starting with a letter or digit");
  }
}
