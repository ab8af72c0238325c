package io.enjoy.worker.notebook;

import java.util.ArrayList;
import java.util.List;

/** Python's {@code str.splitlines(keepends=True)}, which nbformat uses to split multiline fields. */
public final class PythonLines {
  private PythonLines() {}

  public static List<String> splitKeepEnds(String s) {
    List<String> lines = new ArrayList<>();
    int start = 0;
    int i = 0;
    while (i < s.length()) {
      char c = s.charAt(i);
      if (c == '\r' && i + 1 < s.length() && s.charAt(i + 1) == '\n') {
        i += 2;
        lines.add(s.substring(start, i));
        start = i;
      } else if (isLineBoundary(c)) {
        i++;
        lines.add(s.substring(start, i));
        start = i;
      } else {
        i++;
      }
    }
    if (start < s.length()) {
      lines.add(s.substring(start));
    }
    return lines;
  }

  private static boolean isLineBoundary(char c) {
    return switch (c) {
      case '\n', '\r', '\u000b', '\u000c', '\u001c', '\u001d', '\u001e', '\u0085', '\u2028', '\u2029' -> true;
      default -> false;
    };
  }
}
