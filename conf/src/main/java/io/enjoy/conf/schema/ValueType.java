package io.enjoy.conf.schema;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * How the text of one setting becomes a typed value. Every type parses from the same text a
 * user writes in YAML or in an environment variable; {@link #expectation} is the phrase error
 * messages use ("expected a duration such as 600s, 10m or 1h, got ...").
 *
 * @param javaType    the type of the matching {@link io.enjoy.conf.EnjoyConfig} component (boxed)
 * @param expectation what a valid value looks like, in words
 * @param parser      text → value; throws {@link IllegalArgumentException} for bad text
 * @param list        true for list settings: YAML sequences, comma-separated in the environment
 */
public record ValueType<T>(Class<?> javaType, String expectation, Function<String, T> parser, boolean list) {

  public static final ValueType<String> STRING =
      new ValueType<>(String.class, "a text value", s -> s, false);

  public static final ValueType<Boolean> BOOLEAN =
      new ValueType<>(Boolean.class, "true or false", ValueType::parseBoolean, false);

  public static final ValueType<Integer> INTEGER =
      new ValueType<>(Integer.class, "a whole number", s -> Integer.valueOf(s.trim()), false);

  public static final ValueType<Double> DECIMAL =
      new ValueType<>(Double.class, "a number such as 1.0 or 0.5", ValueType::parseDecimal, false);

  public static final ValueType<Duration> DURATION =
      new ValueType<>(Duration.class, "a duration such as 600s, 10m or 1h", Durations::parse, false);

  public static final ValueType<Long> SIZE =
      new ValueType<>(Long.class, "a size such as 512m, 1g or a number of bytes", Sizes::parse, false);

  public static final ValueType<Path> PATH =
      new ValueType<>(Path.class, "a file system path", Path::of, false);

  public static final ValueType<List<String>> LIST =
      new ValueType<>(List.class, "a list such as [a, b]", ValueType::splitList, true);

  /** Parses one text; a list type splits on commas (the environment and default form). */
  public T parse(String text) {
    return parser.apply(text);
  }

  /** Comma-separated items, trimmed; an empty text is the empty list. */
  static List<String> splitList(String text) {
    if (text.isBlank()) {
      return List.of();
    }
    return Arrays.stream(text.split(",")).map(String::trim).toList();
  }

  private static Boolean parseBoolean(String text) {
    return switch (text.trim().toLowerCase(Locale.ROOT)) {
      case "true" -> true;
      case "false" -> false;
      default -> throw new IllegalArgumentException("not a boolean: " + text);
    };
  }

  private static Double parseDecimal(String text) {
    double d = Double.parseDouble(text.trim());
    if (Double.isNaN(d) || Double.isInfinite(d)) {
      throw new IllegalArgumentException("not a finite number: " + text);
    }
    return d;
  }
}
