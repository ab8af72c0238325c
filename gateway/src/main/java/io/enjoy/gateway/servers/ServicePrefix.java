package io.enjoy.gateway.servers;

import io.enjoy.conf.bus.ServerKey;
import java.nio.charset.StandardCharsets;

/**
 * The URL path prefix of a user server: {@code /user/<name>/} or {@code /user/<name>/<server>/}.
 * Each name is percent-encoded as one path segment, so a user name with {@code /}, {@code ?},
 * {@code %} or non-ASCII characters still yields exactly one segment. Encoded like JupyterHub's
 * {@code url_escape_path} ({@code quote(name, safe="@~")}): letters, digits, {@code _ . - ~ @}
 * stay, so {@code alice@uni.example} keeps its readable form.
 */
public final class ServicePrefix {
  private ServicePrefix() {}

  public static String of(ServerKey key) {
    String prefix = "/user/" + segment(key.user()) + "/";
    return key.server().isEmpty() ? prefix : prefix + segment(key.server()) + "/";
  }

  /** Percent-encodes one path segment (UTF-8, upper-case hex; space is {@code %20}, never {@code +}). */
  public static String segment(String raw) {
    StringBuilder out = new StringBuilder(raw.length());
    for (byte b : raw.getBytes(StandardCharsets.UTF_8)) {
      int c = b & 0xff;
      if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || "_.-~@".indexOf(c) >= 0) {
        out.append((char) c);
      } else {
        out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16))).append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
      }
    }
    return out.toString();
  }
}
