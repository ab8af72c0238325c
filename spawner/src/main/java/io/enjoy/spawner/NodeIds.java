package io.enjoy.spawner;

import io.enjoy.conf.EnjoyConfig;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Stable identifiers for this spawner node and for the hub whose containers it labels. */
public final class NodeIds {
  private NodeIds() {}

  /**
   * {@code <hostname>-<8 hex of the data dir's path>}: the same after a restart, and distinct for
   * two nodes on one host with different data directories.
   */
  public static String nodeId(Path dataDir) {
    return hostname() + "-" + shortHash(dataDir.toAbsolutePath().normalize().toString());
  }

  /**
   * The value of the {@code enjoy.hub} container label: the hub's public URL, or for the embedded
   * default without one, {@code https://localhost:<port>} as the gateway names itself.
   */
  public static String hubId(EnjoyConfig config) {
    String url = config.gateway().publicUrl();
    return url != null && !url.isBlank() ? url : "https://localhost:" + config.gateway().httpsPort();
  }

  static String hostname() {
    String env = System.getenv("HOSTNAME");
    if (env != null && !env.isBlank()) {
      return env;
    }
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      return "localhost";
    }
  }

  private static String shortHash(String text) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, 4);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
