package io.enjoy.gateway.state;

import io.enjoy.conf.bus.ServerKey;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The documented, injective and stable mapping from user (and server) names to the identifiers
 * used for container names, home directories and labels: only {@code [a-z0-9-]}, at most
 * {@value #MAX_LENGTH} characters for a user, never case-folded (H-14, H-15, H-16).
 *
 * <p>Rules (never change them: existing homes and containers are named by them):
 * <ol>
 *   <li>{@code a-z} and {@code 0-9} stay as they are.</li>
 *   <li>Every maximal run of other code points (upper case, {@code -}, {@code .}, {@code @},
 *       any Unicode) becomes {@code -} + the code points in lower-case hex joined by {@code x}
 *       + {@code -}: {@code Alice → -41-lice}, {@code a-b → a-2d-b}, {@code a_2Db → a-5f-2-44-b}.
 *       Runs are maximal, so two escapes are never adjacent and {@code --} never occurs.
 *       The escape character itself is always escaped, so the form decodes uniquely.</li>
 *   <li>If the result is longer than {@value #MAX_SHORT}, it becomes its first
 *       {@value #KEEP} characters + {@code --h} + the first 12 hex digits of SHA-256(name).
 *       Only these long forms contain {@code --}, so they never equal a short form; two long
 *       forms are equal only if the 48-bit hashes collide, which the database's unique
 *       constraint on {@code users.safe_name} turns into a refused login, never a shared home.</li>
 *   <li>A named server appends {@code --s} + the server name mapped by the same rules; user
 *       forms never contain {@code --s}, so the split is unique.</li>
 *   <li>A user's stored form ({@code users.safe_name}: home directory) is fixed when the user is
 *       created and kept when the identity provider renames them (identity is issuer + subject).
 *       A new user whose form is still kept by a renamed user gets the form + {@code --u} + their
 *       database id; only these contain {@code --u}, so they equal no other form.</li>
 * </ol>
 */
public final class SafeNames {
  public static final int MAX_SHORT = 40;
  static final int KEEP = 28;
  public static final int MAX_LENGTH = KEEP + 3 + 12;

  private SafeNames() {}

  public static String forUser(String name) {
    if (name == null || name.isEmpty()) {
      throw new IllegalArgumentException("a user name must not be empty");
    }
    String escaped = escape(name);
    if (escaped.length() <= MAX_SHORT) {
      return escaped;
    }
    return escaped.substring(0, KEEP) + "--h" + sha256Hex(name).substring(0, 12);
  }

  public static String forServer(ServerKey key) {
    String user = forUser(key.user());
    return key.server().isEmpty() ? user : user + "--s" + forUser(key.server());
  }

  static String escape(String name) {
    int[] codePoints = name.codePoints().toArray();
    StringBuilder out = new StringBuilder(codePoints.length);
    int i = 0;
    while (i < codePoints.length) {
      if (isSafe(codePoints[i])) {
        out.appendCodePoint(codePoints[i++]);
        continue;
      }
      out.append('-');
      boolean first = true;
      while (i < codePoints.length && !isSafe(codePoints[i])) {
        if (!first) {
          out.append('x');
        }
        out.append(Integer.toHexString(codePoints[i++]));
        first = false;
      }
      out.append('-');
    }
    return out.toString();
  }

  private static boolean isSafe(int c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
  }

  static String sha256Hex(String text) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
