package io.enjoy.gateway.proxy;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The user named by a {@code /user/<name>/...} path: the first segment after {@code /user/},
 * percent-decoded ({@code +} stays a plus, as in any path). Pure parsing, no I/O.
 *
 * @param name         the decoded user name
 * @param hasSlash     false for {@code /user/<name>} without the trailing slash
 */
public record UserPath(String name, boolean hasSlash) {
  static final String PREFIX = "/user/";

  /** Empty when the path is not under {@code /user/}, the segment is empty or not valid percent-encoding. */
  public static Optional<UserPath> parse(String path) {
    if (path == null || !path.startsWith(PREFIX)) {
      return Optional.empty();
    }
    int end = path.indexOf('/', PREFIX.length());
    String segment = end < 0 ? path.substring(PREFIX.length()) : path.substring(PREFIX.length(), end);
    if (segment.isEmpty()) {
      return Optional.empty();
    }
    try {
      String name = URLDecoder.decode(segment.replace("+", "%2B"), StandardCharsets.UTF_8);
      return name.isEmpty() ? Optional.empty() : Optional.of(new UserPath(name, end >= 0));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }
}
