package io.enjoy.worker.notebook;

/**
 * A JSON number kept as the exact text it was read as, so {@code 1.0}, {@code 1e-05} and
 * {@code 640} are written back byte for byte (a double round trip would turn {@code 1e-05} into
 * {@code 1.0E-5}).
 */
public record JsonNumber(String text) {

  public static JsonNumber of(long value) {
    return new JsonNumber(Long.toString(value));
  }

  /** The value as a long, or null when the text is not an integer. */
  public Long asLong() {
    try {
      return Long.parseLong(text);
    } catch (NumberFormatException e) {
      return null;
    }
  }

  @Override
  public String toString() {
    return text;
  }
}
