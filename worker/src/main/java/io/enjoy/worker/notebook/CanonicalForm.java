package io.enjoy.worker.notebook;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * nbformat's on-disk normal form ({@code nbformat/v4/rwbase.py}, {@code nbjson.py}): which fields
 * are joined on read and split per line on write, and what is never written.
 */
final class CanonicalForm {
  private static final Set<String> SPLIT_NON_TEXT_MIMES = Set.of("application/javascript", "image/svg+xml");

  private CanonicalForm() {}

  /** Joins every multiline field into one string (the shape Jupyter's contents API returns). */
  static void joinLines(Map<String, Object> nb) {
    forEachMultiline(nb, (map, key, splitOnWrite) -> map.put(key, Notebook.joined(map.get(key))));
  }

  /** Turns a deep copy into what nbformat writes: lines split, transient keys dropped, 4.5 ids. */
  @SuppressWarnings("unchecked")
  static void forWriting(Map<String, Object> nb) {
    forEachMultiline(nb, (map, key, splitOnWrite) -> {
      String text = Notebook.joined(map.get(key));
      map.put(key, splitOnWrite ? new ArrayList<Object>(PythonLines.splitKeepEnds(text)) : text);
    });
    if (nb.get("metadata") instanceof Map<?, ?> meta) {
      meta.remove("orig_nbformat");
      meta.remove("orig_nbformat_minor");
      meta.remove("signature");
    }
    Long minor = nb.get("nbformat_minor") instanceof JsonNumber n ? n.asLong() : null;
    boolean upgrade = minor != null && minor < 5;
    Set<String> taken = new HashSet<>();
    for (Object c : (List<Object>) nb.get("cells")) {
      Map<String, Object> cell = (Map<String, Object>) c;
      if (cell.get("metadata") instanceof Map<?, ?> cm) {
        cm.remove("trusted");
      }
      if (upgrade && !(cell.get("id") instanceof String)) {
        String id = Notebook.newCellId(taken);
        taken.add(id);
        cell.put("id", id);
      }
    }
    if (upgrade) {
      nb.put("nbformat_minor", JsonNumber.of(5));
    }
  }

  private interface MultilineVisitor {
    void visit(Map<String, Object> owner, String key, boolean splitOnWrite);
  }

  /**
   * Visits the fields nbformat joins on read and splits on write ({@code rwbase.rejoin_lines} /
   * {@code split_lines}): cell source, attachment bundles, stream text and output data bundles.
   * Bundle values are joined when they are lists of strings (except JSON mime types) and split
   * only for text/*, SVG and JavaScript; binary payloads such as image/png stay single strings.
   */
  @SuppressWarnings("unchecked")
  private static void forEachMultiline(Map<String, Object> nb, MultilineVisitor visitor) {
    for (Object c : (List<Object>) nb.get("cells")) {
      Map<String, Object> cell = (Map<String, Object>) c;
      if (isText(cell.get("source"))) {
        visitor.visit(cell, "source", true);
      }
      if (cell.get("attachments") instanceof Map<?, ?> attachments) {
        for (Object bundle : attachments.values()) {
          if (bundle instanceof Map<?, ?> b) {
            visitBundle((Map<String, Object>) b, visitor);
          }
        }
      }
      if ("code".equals(cell.get("cell_type")) && cell.get("outputs") instanceof List<?> outputs) {
        for (Object o : outputs) {
          if (!(o instanceof Map<?, ?> out)) {
            continue;
          }
          Object type = out.get("output_type");
          if (("execute_result".equals(type) || "display_data".equals(type)) && out.get("data") instanceof Map<?, ?> data) {
            visitBundle((Map<String, Object>) data, visitor);
          } else if ("stream".equals(type) && isText(out.get("text"))) {
            visitor.visit((Map<String, Object>) out, "text", true);
          }
        }
      }
    }
  }

  private static void visitBundle(Map<String, Object> bundle, MultilineVisitor visitor) {
    for (String mime : new ArrayList<>(bundle.keySet())) {
      if (isJsonMime(mime) || !isText(bundle.get(mime))) {
        continue;
      }
      boolean split = mime.startsWith("text/") || SPLIT_NON_TEXT_MIMES.contains(mime);
      if (split || bundle.get(mime) instanceof List) {
        visitor.visit(bundle, mime, split);
      }
    }
  }

  private static boolean isJsonMime(String mime) {
    return mime.equals("application/json") || (mime.startsWith("application/") && mime.endsWith("+json"));
  }

  private static boolean isText(Object v) {
    if (v instanceof String) {
      return true;
    }
    if (v instanceof List<?> list) {
      return list.stream().allMatch(x -> x instanceof String);
    }
    return false;
  }

}
