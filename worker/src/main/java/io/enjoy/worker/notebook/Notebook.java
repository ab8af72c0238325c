package io.enjoy.worker.notebook;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * An nbformat-4 notebook held as the untyped JSON tree it was read from, so every key the worker
 * does not know survives. {@link #toFileText()} writes what Python's {@code nbformat.write} writes
 * (reference: notebook-anchors (b)): multiline fields split per line, transient keys dropped,
 * sorted keys, indent 1, trailing newline. Not thread safe: one owner (the notebook session).
 */
public final class Notebook {
  private final Map<String, Object> root;

  private Notebook(Map<String, Object> root) {
    this.root = root;
  }

  /** Reads a notebook file's text; a file that is not an nbformat-4 notebook is refused with the reason. */
  public static Notebook parse(String text) throws NotebookFormatException {
    Object tree;
    try {
      tree = JsonText.parse(text);
    } catch (IllegalArgumentException e) {
      throw new NotebookFormatException("not a notebook: " + e.getMessage());
    }
    return fromTree(tree);
  }

  /** Adopts a parsed JSON tree (e.g. the content of a contents-API PUT) after checking its shape. */
  @SuppressWarnings("unchecked")
  public static Notebook fromTree(Object tree) throws NotebookFormatException {
    if (!(tree instanceof Map<?, ?> map)) {
      throw new NotebookFormatException("not a notebook: the JSON document is not an object");
    }
    Map<String, Object> root = (Map<String, Object>) map;
    if (!(root.get("nbformat") instanceof JsonNumber major) || major.asLong() == null) {
      throw new NotebookFormatException("not a notebook: the 'nbformat' field is missing or not an integer");
    }
    if (major.asLong() != 4) {
      throw new NotebookFormatException("nbformat " + major + " notebooks are not supported (only version 4); "
          + "convert it with 'jupyter nbconvert --to notebook' first");
    }
    if (!(root.get("cells") instanceof List<?> cells)) {
      throw new NotebookFormatException("not a notebook: the 'cells' field is missing or not a list");
    }
    if (root.containsKey("metadata") && !(root.get("metadata") instanceof Map)) {
      throw new NotebookFormatException("not a notebook: 'metadata' is not an object");
    }
    for (int i = 0; i < cells.size(); i++) {
      if (!(cells.get(i) instanceof Map<?, ?> cell) || !(cell.get("cell_type") instanceof String)) {
        throw new NotebookFormatException("not a notebook: cell " + (i + 1) + " is not an object with a 'cell_type'");
      }
      Object source = cell.get("source");
      if (source != null && !(source instanceof String) && !(source instanceof List)) {
        throw new NotebookFormatException("not a notebook: cell " + (i + 1) + " has a 'source' that is neither text nor a list of lines");
      }
      if ("code".equals(cell.get("cell_type")) && cell.get("outputs") != null && !(cell.get("outputs") instanceof List)) {
        throw new NotebookFormatException("not a notebook: cell " + (i + 1) + " has 'outputs' that is not a list");
      }
    }
    Notebook nb = new Notebook(root);
    nb.repairCellIds();
    return nb;
  }

  /** Takes over another notebook's content in place (revert to checkpoint), keeping this object. */
  public void replaceWith(Notebook other) {
    root.clear();
    root.putAll(other.root);
  }

  public Map<String, Object> root() {
    return root;
  }

  @SuppressWarnings("unchecked")
  public List<Map<String, Object>> cells() {
    return (List<Map<String, Object>>) root.get("cells");
  }

  public Map<String, Object> cell(String id) {
    for (Map<String, Object> c : cells()) {
      if (id.equals(c.get("id"))) {
        return c;
      }
    }
    return null;
  }

  public static String type(Map<String, Object> cell) {
    return (String) cell.get("cell_type");
  }

  /** The cell's source as one string (nbformat joins a list of lines with ""). */
  public static String source(Map<String, Object> cell) {
    return joined(cell.get("source"));
  }

  /** Sets a cell's source only when it differs, so an unedited cell keeps its exact bytes (nbgrader checksums). */
  public static boolean setSource(Map<String, Object> cell, String source) {
    if (source(cell).equals(source)) {
      return false;
    }
    cell.put("source", new ArrayList<Object>(PythonLines.splitKeepEnds(source)));
    return true;
  }

  /**
   * Whether a student may change the cell's source: not when {@code metadata.editable} is false
   * or nbgrader marks it {@code locked} (autograding depends on those cells staying as released).
   */
  public static boolean isEditable(Map<String, Object> cell) {
    Map<?, ?> meta = cell.get("metadata") instanceof Map<?, ?> m ? m : Map.of();
    if (Boolean.FALSE.equals(meta.get("editable"))) {
      return false;
    }
    return !(meta.get("nbgrader") instanceof Map<?, ?> nbgrader && Boolean.TRUE.equals(nbgrader.get("locked")));
  }

  /** Whether the cell may be deleted: not when {@code metadata.deletable} is false or it carries nbgrader metadata. */
  public static boolean isDeletable(Map<String, Object> cell) {
    Map<?, ?> meta = cell.get("metadata") instanceof Map<?, ?> m ? m : Map.of();
    return !Boolean.FALSE.equals(meta.get("deletable")) && !(meta.get("nbgrader") instanceof Map);
  }

  /** Inserts a new empty cell of the given type after {@code afterId} (null = at the top) and returns it. */
  public Map<String, Object> insertCell(String afterId, String type) {
    Map<String, Object> cell = new LinkedHashMap<>();
    cell.put("cell_type", type);
    if ("code".equals(type)) {
      cell.put("execution_count", null);
    }
    cell.put("id", newCellId());
    cell.put("metadata", new LinkedHashMap<String, Object>());
    if ("code".equals(type)) {
      cell.put("outputs", new ArrayList<Object>());
    }
    cell.put("source", new ArrayList<Object>());
    int at = 0;
    if (afterId != null) {
      Map<String, Object> after = cell(afterId);
      at = after == null ? cells().size() : cells().indexOf(after) + 1;
    }
    cells().add(at, cell);
    return cell;
  }

  /**
   * Changes a cell's type in place, keeping its id, source and metadata: a code cell gains empty
   * outputs and a null count, other cells lose them (nbformat allows them only on code cells).
   */
  public static void changeType(Map<String, Object> cell, String type) {
    if (type.equals(type(cell))) {
      return;
    }
    cell.put("cell_type", type);
    if ("code".equals(type)) {
      cell.put("execution_count", null);
      cell.put("outputs", new ArrayList<Object>());
      cell.remove("attachments");
    } else {
      cell.remove("execution_count");
      cell.remove("outputs");
    }
  }

  public boolean removeCell(String id) {
    Map<String, Object> cell = cell(id);
    return cell != null && cells().remove(cell);
  }

  /** Puts a cell back at a position (undo of a delete); its id is renewed if it is taken meanwhile. */
  public void restoreCell(Map<String, Object> cell, int index) {
    if (cell(String.valueOf(cell.get("id"))) != null) {
      cell.put("id", newCellId());
    }
    cells().add(Math.max(0, Math.min(index, cells().size())), cell);
  }

  /**
   * Inserts a copy of {@code original} after {@code afterId} (null = at the top) and returns it (M15).
   * The copy gets a new cell id and, if nbgrader marks it, a new {@code grade_id}: duplicated ids
   * break nbformat validation and make nbgrader grade the wrong cell.
   */
  public Map<String, Object> pasteCopy(Map<String, Object> original, String afterId) {
    Map<String, Object> cell = deepCopy(original);
    cell.put("id", newCellId());
    if (cell.get("metadata") instanceof Map<?, ?> meta && meta.get("nbgrader") instanceof Map<?, ?> nb
        && nb.get("grade_id") instanceof String gradeId) {
      @SuppressWarnings("unchecked")
      Map<String, Object> nbgrader = (Map<String, Object>) nb;
      nbgrader.put("grade_id", unusedGradeId(gradeId));
    }
    int at = 0;
    if (afterId != null) {
      Map<String, Object> after = cell(afterId);
      at = after == null ? cells().size() : cells().indexOf(after) + 1;
    }
    cells().add(at, cell);
    return cell;
  }

  /** {@code <base>-copy}, {@code <base>-copy2}, … : the first that no cell of this notebook uses. */
  private String unusedGradeId(String base) {
    Set<Object> taken = new HashSet<>();
    for (Map<String, Object> c : cells()) {
      if (c.get("metadata") instanceof Map<?, ?> meta && meta.get("nbgrader") instanceof Map<?, ?> nb) {
        taken.add(nb.get("grade_id"));
      }
    }
    String candidate = base + "-copy";
    for (int n = 2; taken.contains(candidate); n++) {
      candidate = base + "-copy" + n;
    }
    return candidate;
  }

  /** Moves a cell one place up (-1) or down (+1); false at the edge. */
  public boolean moveCell(String id, int direction) {
    Map<String, Object> cell = cell(id);
    if (cell == null) {
      return false;
    }
    int from = cells().indexOf(cell);
    int to = from + Integer.signum(direction);
    if (to < 0 || to >= cells().size()) {
      return false;
    }
    cells().remove(from);
    cells().add(to, cell);
    return true;
  }

  @SuppressWarnings("unchecked")
  public static List<Object> outputs(Map<String, Object> cell) {
    Object o = cell.get("outputs");
    if (o instanceof List<?> list) {
      return (List<Object>) list;
    }
    List<Object> fresh = new ArrayList<>();
    cell.put("outputs", fresh);
    return fresh;
  }

  /** Appends an output; consecutive stream chunks of the same name merge into one output, as Jupyter stores them. */
  @SuppressWarnings("unchecked")
  public static void addOutput(Map<String, Object> cell, Map<String, Object> output) {
    List<Object> outputs = outputs(cell);
    if ("stream".equals(output.get("output_type")) && !outputs.isEmpty()
        && outputs.get(outputs.size() - 1) instanceof Map<?, ?> last
        && "stream".equals(last.get("output_type")) && output.get("name").equals(last.get("name"))) {
      Map<String, Object> prev = (Map<String, Object>) last;
      prev.put("text", joined(prev.get("text")) + joined(output.get("text")));
      return;
    }
    outputs.add(output);
  }

  public static void setExecutionCount(Map<String, Object> cell, Integer count) {
    cell.put("execution_count", count == null ? null : JsonNumber.of(count));
  }

  /** The file text nbformat would write for this notebook. */
  public String toFileText() {
    Map<String, Object> copy = deepCopy(root);
    CanonicalForm.forWriting(copy);
    return JupyterJsonWriter.write(copy) + "\n";
  }

  /** A deep copy with multiline fields joined into strings, the shape Jupyter's contents API returns. */
  @SuppressWarnings("unchecked")
  public Map<String, Object> joinedCopy() {
    Map<String, Object> copy = deepCopy(root);
    CanonicalForm.joinLines(copy);
    return copy;
  }

  private void repairCellIds() {
    Long minor = root.get("nbformat_minor") instanceof JsonNumber n ? n.asLong() : null;
    if (minor == null || minor < 5) {
      return; // ids are added on write, as nbformat's upgrade to 4.5 does
    }
    Set<String> seen = new HashSet<>();
    for (Map<String, Object> cell : cells()) {
      Object id = cell.get("id");
      if (!(id instanceof String s) || !s.matches("[a-zA-Z0-9-_]{1,64}") || !seen.add(s)) {
        String fresh = newCellId(seen);
        cell.put("id", fresh);
        seen.add(fresh);
      }
    }
  }

  /** A new id in nbformat's style (8 hex characters of a random UUID), unique in this notebook. */
  public String newCellId() {
    Set<String> seen = new HashSet<>();
    for (Map<String, Object> c : cells()) {
      if (c.get("id") instanceof String s) {
        seen.add(s);
      }
    }
    return newCellId(seen);
  }

  static String newCellId(Set<String> taken) {
    while (true) {
      String id = UUID.randomUUID().toString().replace("-", "").substring(0, 8);
      if (!taken.contains(id)) {
        return id;
      }
    }
  }

  /** A multiline value as one string: lists of lines are joined with "" (nbformat), null is "". */
  public static String joined(Object v) {
    if (v == null) {
      return "";
    }
    if (v instanceof String s) {
      return s;
    }
    if (v instanceof List<?> list) {
      StringBuilder sb = new StringBuilder();
      for (Object o : list) {
        sb.append(o);
      }
      return sb.toString();
    }
    return String.valueOf(v);
  }

  /** A copy of a JSON tree (maps, lists, leaves) sharing no mutable part with the original. */
  @SuppressWarnings("unchecked")
  public static <T> T deepCopy(T v) {
    if (v instanceof Map<?, ?> map) {
      Map<String, Object> copy = new LinkedHashMap<>();
      map.forEach((k, val) -> copy.put((String) k, deepCopy(val)));
      return (T) copy;
    }
    if (v instanceof List<?> list) {
      List<Object> copy = new ArrayList<>(list.size());
      list.forEach(x -> copy.add(deepCopy(x)));
      return (T) copy;
    }
    return v;
  }
}
