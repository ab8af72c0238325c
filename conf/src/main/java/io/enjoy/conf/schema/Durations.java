package io.enjoy.conf.schema;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The configuration's duration syntax: {@code 500ms}, {@code 600s}, {@code 10m}, {@code 1h},
 * {@code 2d}, or a plain integer meaning seconds. One unit per value keeps it unambiguous.
 */
public final class Durations {
  private Durations() {}

  private static final Pattern SYNTAX = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)?");

  /** @throws IllegalArgumentException when {@code text} is not in the syntax above */
  public static Duration parse(String text) {
    Matcher m = SYNTAX.matcher(text.trim());
    if (!m.matches()) {
      throw new IllegalArgumentException("not a duration: " + text);
    }
    long amount;
    try {
      amount = Long.parseLong(m.group(1));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("duration too large: " + text);
    }
    String unit = m.group(2) == null ? "s" : m.group(2);
    return switch (unit) {
      case "ms" -> Duration.ofMillis(amount);
      case "s" -> Duration.ofSeconds(amount);
      case "m" -> Duration.ofMinutes(amount);
      case "h" -> Duration.ofHours(amount);
      case "d" -> Duration.ofDays(amount);
      default -> throw new IllegalStateException(unit);
    };
  }

  /** Human form for logs and reasons, e.g. {@code 1h 5m}, {@code 12m 3s}, {@code 250ms}. */
  public static String format(Duration d) {
    if (d.isNegative()) {
      return "-" + format(d.negated());
    }
    if (!d.isZero() && d.compareTo(Duration.ofSeconds(1)) < 0) {
      return d.toMillis() + "ms";
    }
    long days = d.toDays();
    long hours = d.toHoursPart();
    long minutes = d.toMinutesPart();
    long seconds = d.toSecondsPart();
    StringBuilder out = new StringBuilder();
    if (days > 0) out.append(days).append("d ");
    if (hours > 0) out.append(hours).append("h ");
    if (minutes > 0) out.append(minutes).append("m ");
    if (seconds > 0 || out.length() == 0) out.append(seconds).append("s ");
    return out.toString().trim();
  }
}
