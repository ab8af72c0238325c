package io.enjoy.gateway.servers;

import io.enjoy.conf.bus.ServerKey;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * The URL path prefix of a user server: {@code /user/<name>/} or {@code /user/<name>/<server>/}.
 * Each name is percent-encoded as one path segment, so a user name with {@code /}, {@code ?},
 * {@code %} or non-ASCII characters still yields exactly one segment.
 */
public final class ServicePrefix {
  private ServicePrefix() {}

  public static String of(ServerKey key) {
    String prefix = "/user/" + segment(key.user()) + "/";
    return key.server().isEmpty() ? prefix : prefix + segment(key.server()) + "/";
  }

  /** Percent-encodes one path segment (RFC 3986: space is {@code %20}, never {@code +}). */
  public static String segment(String raw) {
    return URLEncoder.encode(raw, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
