package io.enjoy.worker.session;

import io.enjoy.worker.files.FileStamp;
import io.enjoy.worker.files.NotebookDir;
import io.enjoy.worker.notebook.Notebook;
import io.enjoy.worker.notebook.NotebookFormatException;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One open notebook: the server-side document, its kernel JVM and the queue of cells to run.
 * The server owns the document (notebook-anchors decision 2): kernel output is applied here and
 * saved to the file whether or not a browser tab is connected; tabs are views that receive
 * events. All methods run on the session's Vert.x context; file I/O runs on the worker executor.
 */
public final class NotebookSession {
  public static final String STARTING = CellExecution.STARTING;
  public static final String IDLE = CellExecution.IDLE;
  public static final String BUSY = CellExecution.BUSY;
  public static final String DEAD = CellExecution.DEAD;

  private static final Logger LOG = LoggerFactory.getLogger(NotebookSession.class);

  private final String path;
  private final Notebook notebook;
  private final List<Consumer<JsonObject>> listeners = new ArrayList<>();
  private final NotebookFile file;
  private final CellExecution execution;
  private Map<String, Object> lastDeleted;
  private int lastDeletedIndex;
  /** The cell copied or cut last (C/X in command mode), as it was then; pasted with new ids (V). */
  private Map<String, Object> clipboard;

  private NotebookSession(Context context, WorkerExecutor files, NotebookDir dir, KernelLauncher launcher,
      String path, Notebook notebook, FileStamp stamp) {
    this.path = path;
    this.notebook = notebook;
    this.file = new NotebookFile(files, dir, path, stamp, this::broadcast);
    Path workingDir;
    try {
      workingDir = dir.resolve(path).getParent(); // cells read data files relative to the notebook, as in Jupyter
    } catch (Exception e) {
      workingDir = dir.root();
    }
    this.execution = new CellExecution(context, launcher, workingDir, path, notebook, this::broadcast,
        file::markDirty, this::save);
  }

  /** Reads the notebook file and starts its kernel (the kernel becomes idle when warmed up). */
  static Future<NotebookSession> open(Context context, WorkerExecutor files, NotebookDir dir,
      KernelLauncher launcher, String path) {
    return files.executeBlocking(() -> {
      NotebookDir.Read read = readNotebookFile(dir, path);
      return new Object[] {Notebook.parse(read.text()), read.stamp()};
    }, false).map(loaded -> {
      NotebookSession s = new NotebookSession(context, files, dir, launcher, path, (Notebook) loaded[0], (FileStamp) loaded[1]);
      s.execution.start();
      return s;
    });
  }

  /**
   * Reads a notebook file's text. A file that is not UTF-8 text (an image or archive named
   * .ipynb) is refused by name; nothing is written to it.
   */
  public static NotebookDir.Read readNotebookFile(NotebookDir dir, String path)
      throws java.io.IOException, io.enjoy.worker.files.PathRejectedException, NotebookFormatException {
    try {
      return dir.read(path);
    } catch (java.nio.charset.CharacterCodingException e) {
      throw new NotebookFormatException("not a notebook: " + path + ", not valid UTF-8 text");
    }
  }

  public String path() {
    return path;
  }

  public Notebook notebook() {
    return notebook;
  }

  public String status() {
    return execution.status();
  }

  /** When a cell last ran (or runs now), for activity reports; null if never. */
  public Instant lastBusy() {
    return execution.lastBusy();
  }

  /** How many cells wait behind the running one. */
  public int queued() {
    return execution.queued();
  }

  public void interrupt() {
    execution.interrupt();
  }

  /** Replaces the kernel JVM with a fresh one; all variables and definitions are lost. */
  public void restart(String why) {
    execution.restart(why);
  }

  /** "Restart & Run all" (M3): a fresh kernel, then every code cell top to bottom, stopping at an error. */
  public void restartAndRunAll() {
    execution.restartAndRunAll();
  }

  /** Tab completion from the kernel, answered to the asking view only. */
  public void complete(String code, int cursor, String requestId, Consumer<JsonObject> reply) {
    execution.complete(code, cursor, requestId, reply);
  }

  /** Kills the kernel (server shutdown or notebook closed). */
  public void shutdown() {
    execution.shutdown();
  }

  /** Subscribes a view (a WebSocket) and sends it the current state first. */
  public void addListener(Consumer<JsonObject> listener) {
    listeners.add(listener);
    listener.accept(snapshot());
  }

  public void removeListener(Consumer<JsonObject> listener) {
    listeners.remove(listener);
  }

  /** The state a newly connected view needs: kernel status, every code cell's outputs and count, the queue. */
  public JsonObject snapshot() {
    JsonArray cells = new JsonArray();
    for (Map<String, Object> cell : notebook.cells()) {
      if (!"code".equals(Notebook.type(cell))) {
        continue;
      }
      JsonArray outputs = new JsonArray();
      for (Object o : Notebook.outputs(cell)) {
        outputs.add(JsonTrees.toVertx(o));
      }
      cells.add(new JsonObject().put("cellId", cell.get("id")).put("outputs", outputs)
          .put("executionCount", JsonTrees.toVertx(cell.get("execution_count")))
          .put("state", execution.stateOf((String) cell.get("id"))));
    }
    return new JsonObject().put("type", "snapshot").put("status", execution.status())
        .put("kernelMessage", execution.kernelMessage()).put("cells", cells)
        .put("saveProblem", file.problem());
  }

  /** Queues a code cell with the source the view has (the document takes it only if it changed). */
  public String execute(String cellId, String source) {
    Map<String, Object> cell = notebook.cell(cellId);
    if (cell == null || !"code".equals(Notebook.type(cell))) {
      return "no code cell with id '" + cellId + "' in " + path;
    }
    takeSource(cell, source);
    return execution.enqueue(cellId);
  }

  /** Takes edited sources from a view (only changed cells change) and saves. */
  public void updateSources(Map<String, String> sources) {
    sources.forEach((id, src) -> {
      Map<String, Object> cell = notebook.cell(id);
      if (cell != null) {
        takeSource(cell, src);
      }
    });
  }

  /** Takes a view's source for a cell unless the cell is locked (then the document keeps its own). */
  private void takeSource(Map<String, Object> cell, String source) {
    if (source != null && Notebook.isEditable(cell) && Notebook.setSource(cell, source)) {
      file.markDirty();
    }
  }

  /** Adds an empty cell after {@code afterId} (null: at the top); returns its id. */
  public String insertCell(String afterId, String type) {
    String cellType = "markdown".equals(type) || "raw".equals(type) ? type : "code";
    Map<String, Object> cell = notebook.insertCell(afterId, cellType);
    file.markDirty();
    announceInserted(cell, false);
    return (String) cell.get("id");
  }

  /**
   * Tells the views a cell is in the document now, after its neighbour above; code cells come
   * with their outputs and count (a restored cell keeps them). {@code select}: the view selects it.
   */
  private void announceInserted(Map<String, Object> cell, boolean select) {
    int at = notebook.cells().indexOf(cell);
    JsonObject event = new JsonObject().put("type", "inserted").put("cellId", cell.get("id"))
        .put("afterId", at > 0 ? notebook.cells().get(at - 1).get("id") : null).put("cellType", Notebook.type(cell))
        .put("select", select);
    if ("code".equals(Notebook.type(cell))) {
      JsonArray outputs = new JsonArray();
      Notebook.outputs(cell).forEach(o -> outputs.add(JsonTrees.toVertx(o)));
      event.put("outputs", outputs).put("executionCount", JsonTrees.toVertx(cell.get("execution_count")));
    }
    broadcast(event);
  }

  /** Deletes a cell unless it is protected; returns a problem for the view, or null. */
  public String deleteCell(String cellId) {
    Map<String, Object> cell = notebook.cell(cellId);
    if (cell == null) {
      return "no cell with id '" + cellId + "'";
    }
    if (!Notebook.isDeletable(cell)) {
      return "this cell is protected (not deletable: it belongs to the assignment)";
    }
    if (execution.active(cellId)) {
      return "the cell is running or queued; interrupt it first";
    }
    lastDeleted = cell;
    lastDeletedIndex = notebook.cells().indexOf(cell);
    notebook.removeCell(cellId);
    file.markDirty();
    broadcast(new JsonObject().put("type", "deleted").put("cellId", cellId));
    return null;
  }

  /** Clears the outputs and counts of one code cell, or of all when {@code cellId} is null (S5). */
  public void clearOutputs(String cellId) {
    for (Map<String, Object> cell : notebook.cells()) {
      Object id = cell.get("id");
      if ("code".equals(Notebook.type(cell)) && (cellId == null || cellId.equals(id)) && !execution.active((String) id)) {
        Notebook.outputs(cell).clear();
        Notebook.setExecutionCount(cell, null);
        file.markDirty();
        broadcast(new JsonObject().put("type", "cleared").put("cellId", id));
      }
    }
  }

  /** Remembers a copy of a cell for {@link #pasteCell} (C in command mode); returns a problem or null. */
  public String copyCell(String cellId) {
    Map<String, Object> cell = notebook.cell(cellId);
    if (cell == null) {
      return "no cell with id '" + cellId + "'";
    }
    clipboard = Notebook.deepCopy(cell);
    return null;
  }

  /** Copies then deletes a cell (X); a protected cell is copied but stays. */
  public String cutCell(String cellId) {
    String problem = copyCell(cellId);
    return problem != null ? problem : deleteCell(cellId);
  }

  /** Inserts the copied cell after {@code afterId} with a new id and grade_id (V, M15); the views show it selected. */
  public String pasteCell(String afterId) {
    if (clipboard == null) {
      return "no copied cell to paste";
    }
    Map<String, Object> pasted = notebook.pasteCopy(clipboard, afterId);
    file.markDirty();
    announceInserted(pasted, true);
    return null;
  }

  /** Undoes the last cell deletion (Z); the views show the cell again, with its outputs, selected. */
  public String undoDelete() {
    if (lastDeleted == null) {
      return "no deleted cell to restore";
    }
    notebook.restoreCell(lastDeleted, lastDeletedIndex);
    Map<String, Object> restored = lastDeleted;
    lastDeleted = null;
    file.markDirty();
    announceInserted(restored, true);
    return null;
  }

  /** Turns a cell into code, markdown or raw (M/Y keys); refused for locked or running cells. */
  public String changeType(String cellId, String type) {
    Map<String, Object> cell = notebook.cell(cellId);
    if (cell == null || !List.of("code", "markdown", "raw").contains(type)) {
      return "cannot make cell '" + cellId + "' a '" + type + "' cell";
    }
    if (!Notebook.isEditable(cell) || !Notebook.isDeletable(cell)) {
      return "this cell is protected; its type cannot change";
    }
    if (execution.active(cellId)) {
      return "the cell is running or queued";
    }
    Notebook.changeType(cell, type);
    file.markDirty();
    broadcast(new JsonObject().put("type", "retyped").put("cellId", cellId).put("cellType", type));
    return null;
  }

  public void moveCell(String cellId, int direction) {
    if (notebook.moveCell(cellId, direction)) {
      file.markDirty();
      broadcast(new JsonObject().put("type", "moved").put("cellId", cellId).put("direction", Integer.signum(direction)));
    }
  }

  /** Saves if anything changed; never overwrites a file that changed on disk since it was read. */
  public Future<Void> save() {
    return file.save(notebook::toFileText);
  }

  /** Saves now, changed or not (the view's Save button). */
  public Future<Void> saveNow() {
    file.markDirty();
    return save();
  }

  public boolean isDirty() {
    return file.isDirty();
  }

  /** After a conflict: keep this version and overwrite the file on disk. */
  public Future<Void> saveOverwriting() {
    file.overwriteNextSave();
    return save();
  }

  /** After a conflict: drop this version and load the file as it is on disk; the views reload. */
  public Future<Void> reloadFromDisk() {
    if (execution.active()) {
      return Future.failedFuture(new IllegalStateException("cells are running; interrupt them before reloading"));
    }
    return file.reload().compose(text -> {
      try {
        notebook.replaceWith(Notebook.parse(text));
      } catch (NotebookFormatException e) {
        return Future.failedFuture(e);
      }
      broadcast(new JsonObject().put("type", "reverted"));
      return Future.succeededFuture();
    });
  }

  /** Saves, then keeps the saved notebook as the checkpoint (Jupyter's "Save and Checkpoint"). */
  public Future<Void> checkpoint() {
    return saveNow().compose(v -> file.checkpoint(notebook.toFileText())).onSuccess(at ->
        broadcast(new JsonObject().put("type", "checkpointed").put("at", at.toString()))).mapEmpty();
  }

  /**
   * Replaces the document with the checkpoint and saves it; the views reload. Refused while cells
   * run, since their outputs would land in a document that no longer has them.
   */
  public Future<Void> revertToCheckpoint() {
    if (execution.active()) {
      return Future.failedFuture(new IllegalStateException("cells are running; interrupt them before reverting"));
    }
    return file.readCheckpoint().compose(text -> {
      try {
        notebook.replaceWith(Notebook.parse(text));
      } catch (NotebookFormatException e) {
        return Future.failedFuture(e);
      }
      broadcast(new JsonObject().put("type", "reverted"));
      return saveNow();
    });
  }

  private void broadcast(JsonObject event) {
    for (Consumer<JsonObject> l : List.copyOf(listeners)) {
      try {
        l.accept(event);
      } catch (RuntimeException e) {
        LOG.debug("a view failed to take an event: {}", e.getMessage());
      }
    }
  }

}
