package io.enjoy.worker.notebook;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Writes a JSON tree the way Python's {@code json.dumps(nb, indent=1, sort_keys=True,
 * separators=(",", ": "), ensure_ascii=False)} does, which is what nbformat writes. Keys are
 * sorted by code point (Python's string order), non-ASCII stays as UTF-8, and only {@code "},
 * {@code \} and control characters are escaped.
 */
public final class JupyterJsonWriter {
  private JupyterJsonWriter() {}

  /** The JSON text without a trailing newline (nbformat's file writer adds one). */
  public static String write(Object tree) {
    StringBuilder sb = new StringBuilder();
    value(sb, tree, 0);
    return sb.toString();
  }

  private static void value(StringBuilder sb, Object v, int level) {
    if (v == null) {
      sb.append("null");
    } else if (v instanceof String str) {
      string(sb, str);
    } else if (v instanceof Boolean b) {
      sb.append(b ? "true" : "false");
    } else if (v instanceof JsonNumber n) {
      sb.append(n.text());
    } else if (v instanceof Integer || v instanceof Long) {
      sb.append(v);
    } else if (v instanceof Map<?, ?> map) {
      object(sb, map, level);
    } else if (v instanceof List<?> list) {
      array(sb, list, level);
    } else {
      throw new IllegalArgumentException("not a JSON value: " + v.getClass().getName());
    }
  }

  private static void object(StringBuilder sb, Map<?, ?> map, int level) {
    if (map.isEmpty()) {
      sb.append("{}");
      return;
    }
    List<String> keys = new ArrayList<>();
    for (Object k : map.keySet()) {
      keys.add((String) k);
    }
    keys.sort(JupyterJsonWriter::compareCodePoints);
    sb.append('{');
    boolean first = true;
    for (String k : keys) {
      sb.append(first ? "" : ",");
      first = false;
      newline(sb, level + 1);
      string(sb, k);
      sb.append(": ");
      value(sb, map.get(k), level + 1);
    }
    newline(sb, level);
    sb.append('}');
  }

  private static void array(StringBuilder sb, List<?> list, int level) {
    if (list.isEmpty()) {
      sb.append("[]");
      return;
    }
    sb.append('[');
    boolean first = true;
    for (Object item : list) {
      sb.append(first ? "" : ",");
      first = false;
      newline(sb, level + 1);
      value(sb, item, level + 1);
    }
    newline(sb, level);
    sb.append(']');
  }

  private static void newline(StringBuilder sb, int level) {
    sb.append('\n');
    sb.append(" ".repeat(level));
  }

  static void string(StringBuilder sb, String s) {
    sb.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\t' -> sb.append("\\t");
        case '\b' -> sb.append("\\b");
        case '\f' -> sb.append("\\f");
        default -> {
          if (c < 0x20) {
            sb.append(String.format("\\u%04x", (int) c));
          } else {
            sb.append(c);
          }
        }
      }
    }
    sb.append('"');
  }

  static int compareCodePoints(String a, String b) {
    int i = 0;
    int j = 0;
    while (i < a.length() && j < b.length()) {
      int ca = a.codePointAt(i);
      int cb = b.codePointAt(j);
      if (ca != cb) {
        return Integer.compare(ca, cb);
      }
      i += Character.charCount(ca);
      j += Character.charCount(cb);
    }
    return Integer.compare(a.length() - i, b.length() - j);
  }
}
