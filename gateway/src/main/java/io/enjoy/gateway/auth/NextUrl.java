package io.enjoy.gateway.auth;

import java.util.Optional;

/**
 * Where a login may send the browser afterwards. Only a path on this hub is accepted: it must
 * start with exactly one {@code /}, and contain no backslash (browsers read {@code /\host} as
 * {@code //host}), no control character and no scheme-relative or absolute form. Anything else is
 * dropped and the user lands on the home page (jupyterhub {@code _validate_next_url}, GHSA-3vff-hjqv-m7h8).
 */
public final class NextUrl {
  /** Kept short: a pending login stores it in the session cookie. */
  private static final int MAX_LENGTH = 512;

  private NextUrl() {}

  public static Optional<String> validate(String next) {
    if (next == null || next.isEmpty() || next.length() > MAX_LENGTH) {
      return Optional.empty();
    }
    if (next.charAt(0) != '/' || next.startsWith("//")) {
      return Optional.empty();
    }
    String lower = next.toLowerCase(java.util.Locale.ROOT);
    if (lower.contains("%5c") || next.startsWith("/%2f") || next.startsWith("/%2F")) {
      return Optional.empty();
    }
    for (int i = 0; i < next.length(); i++) {
      char c = next.charAt(i);
      if (c == '\\' || c < 0x20 || c == 0x7f) {
        return Optional.empty();
      }
    }
    return Optional.of(next);
  }
}
