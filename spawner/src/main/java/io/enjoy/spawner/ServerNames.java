package io.enjoy.spawner;

import io.enjoy.conf.bus.SpawnRequest;
import io.enjoy.conf.bus.ServerKey;
import java.util.regex.Pattern;

/**
 * Names derived from a server: the container name and the local log file name. The mapping is
 * injective (H-14): the hub's safe name uses {@code [a-z0-9]} with single dashes, a server name
 * follows JupyterHub 6's rule (letter first, single dashes), and {@code --} only ever appears as
 * the separator between the two. Names that break those rules are rejected, never reused.
 */
public final class ServerNames {
  private ServerNames() {}

  public static final String PREFIX = "enjoy-";
  private static final Pattern SAFE_NAME = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");
  private static final Pattern SERVER_NAME = Pattern.compile("[a-z][a-z0-9]*(-[a-z0-9]+)*");
  private static final int MAX_SAFE_NAME = 100;
  private static final int MAX_SERVER_NAME = 30;

  /** {@code enjoy-<safeName>} for the default server, {@code enjoy-<safeName>--<server>} otherwise. */
  public static String containerName(String safeName, ServerKey key) {
    validate(safeName, key);
    return key.server().isEmpty() ? PREFIX + safeName : PREFIX + safeName + "--" + key.server();
  }

  public static String containerName(SpawnRequest request) {
    return containerName(request.safeName(), request.key());
  }

  /** Throws a {@link SpawnFailure} with code 400 naming the offending part. */
  public static void validate(String safeName, ServerKey key) {
    if (safeName == null || safeName.isEmpty()) {
      throw SpawnFailure.badRequest("safeName is missing for user '" + key.user() + "'");
    }
    if (safeName.length() > MAX_SAFE_NAME || !SAFE_NAME.matcher(safeName).matches()) {
      throw SpawnFailure.badRequest("safeName '" + safeName + "' of user '" + key.user()
          + "' is not a safe name: it must be 1-" + MAX_SAFE_NAME + " characters of [a-z0-9] with single inner dashes");
    }
    String server = key.server();
    if (!server.isEmpty() && (server.length() > MAX_SERVER_NAME || !SERVER_NAME.matcher(server).matches())) {
      throw SpawnFailure.badRequest("server name '" + server + "' of user '" + key.user()
          + "' is invalid: 1-" + MAX_SERVER_NAME + " characters of [a-z0-9], starting with a letter, single inner dashes");
    }
  }
}
