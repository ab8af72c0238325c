package io.enjoy.gateway.state;

/**
 * The end of the range of names that start with a prefix, in code point order (which is
 * PostgreSQL's byte order for UTF-8, the order of the {@code ~<~} operators): the strings
 * starting with {@code p} are exactly those in {@code [p, end(p))}.
 */
final class NamePrefix {
  private NamePrefix() {}

  /** The prefix with its last code point incremented (dropping maximal ones); null when no end exists. */
  static String end(String prefix) {
    int[] points = prefix.codePoints().toArray();
    for (int i = points.length - 1; i >= 0; i--) {
      int next = points[i] + 1;
      if (next == Character.MIN_SURROGATE) {
        next = Character.MAX_SURROGATE + 1; // surrogates are not characters: no string contains one
      }
      if (next <= Character.MAX_CODE_POINT) {
        return new String(points, 0, i) + Character.toString(next);
      }
    }
    return null;
  }
}
