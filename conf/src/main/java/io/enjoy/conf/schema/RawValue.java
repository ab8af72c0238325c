package io.enjoy.conf.schema;

import java.util.List;

/**
 * One setting's value as written, before typing: from a YAML file, an environment variable or
 * the schema's default. {@code origin} is appended to error messages, e.g. {@code line 12}.
 */
public record RawValue(Shape shape, String text, List<String> items, String origin) {

  /** What a user wrote. */
  public enum Shape { SCALAR, LIST, SECTION, EMPTY }

  public static RawValue scalar(String text, String origin) {
    return new RawValue(Shape.SCALAR, text, List.of(), origin);
  }

  public static RawValue list(List<String> items, String origin) {
    return new RawValue(Shape.LIST, "", List.copyOf(items), origin);
  }

  public static RawValue of(Shape shape, String origin) {
    return new RawValue(shape, "", List.of(), origin);
  }

  /** Text form for settings given in the environment or as defaults: lists are comma-separated. */
  public static RawValue fromText(Setting<?> setting, String text, String origin) {
    return setting.type().list() ? list(ValueType.splitList(text), origin) : scalar(text, origin);
  }
}
