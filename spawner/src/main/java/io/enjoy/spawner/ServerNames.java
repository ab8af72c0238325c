package io.enjoy.spawner;

import io.enjoy.conf.bus.ServerKey;
import io.enjoy.conf.bus.SpawnRequest;
import java.util.regex.Pattern;

/**
 * Names derived from a server: the container name and the local log file name, both
 * {@code enjoy-<safeName>}. The hub computes {@code safeName} as the injective escaping of the
 * whole server key (gateway {@code SafeNames.forServer}: only {@code [a-z0-9-]}, a named server
 * appends {@code --s<escaped server>}), so distinct servers never share a container (H-14).
 * The spawner checks what it can: the alphabet and length (H-15, H-16), and that a named
 * server's safe name carries the {@code --s} part, so that a hub that sent only the user's
 * escaping can never make a named server take over the user's default container.
 */
public final class ServerNames {
  private ServerNames() {}

  public static final String PREFIX = "enjoy-";
  /** What separates the user part from the server part in a named server's safe name. */
  static final String SERVER_SEPARATOR = "--s";
  private static final Pattern SAFE_NAME = Pattern.compile("[a-z0-9-]+");
  private static final int MAX_SAFE_NAME = 120;

  public static String containerName(String safeName, ServerKey key) {
    validate(safeName, key);
    return PREFIX + safeName;
  }

  public static String containerName(SpawnRequest request) {
    return containerName(request.safeName(), request.key());
  }

  /** Throws a {@link SpawnFailure} with code 400 naming the offending part. */
  public static void validate(String safeName, ServerKey key) {
    if (safeName == null || safeName.isEmpty()) {
      throw SpawnFailure.badRequest("safeName is missing for " + describe(key));
    }
    if (safeName.length() > MAX_SAFE_NAME || !SAFE_NAME.matcher(safeName).matches()) {
      throw SpawnFailure.badRequest("safeName '" + safeName + "' of " + describe(key)
          + " is not a safe name: it must be 1-" + MAX_SAFE_NAME + " characters of [a-z0-9-]");
    }
    if (!key.server().isEmpty() && !safeName.contains(SERVER_SEPARATOR)) {
      throw SpawnFailure.badRequest("safeName '" + safeName + "' of " + describe(key)
          + " does not encode the server name (expected '<user part>" + SERVER_SEPARATOR + "<server part>');"
          + " it would share the container of the user's default server");
    }
  }

  private static String describe(ServerKey key) {
    return key.server().isEmpty() ? "user '" + key.user() + "'" : "server '" + key.server() + "' of user '" + key.user() + "'";
  }
}
