package io.enjoy.conf.schema;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Byte sizes as Docker writes them: {@code 512m}, {@code 1g}, {@code 64k}, or plain bytes (binary units). */
public final class Sizes {
  private Sizes() {}

  private static final Pattern SYNTAX = Pattern.compile("(\\d+)\\s*([kmgt])?", Pattern.CASE_INSENSITIVE);

  /** @throws IllegalArgumentException when {@code text} is not in the syntax above */
  public static long parse(String text) {
    Matcher m = SYNTAX.matcher(text.trim());
    if (!m.matches()) {
      throw new IllegalArgumentException("not a size: " + text);
    }
    int shift = m.group(2) == null ? 0 : switch (m.group(2).toLowerCase(Locale.ROOT)) {
      case "k" -> 10;
      case "m" -> 20;
      case "g" -> 30;
      case "t" -> 40;
      default -> throw new IllegalStateException(m.group(2));
    };
    try {
      long amount = Long.parseLong(m.group(1));
      if (amount > (Long.MAX_VALUE >> shift)) {
        throw new IllegalArgumentException("size too large: " + text);
      }
      return amount << shift;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("size too large: " + text);
    }
  }
}
