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
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
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
  private static final Logger LOG = LoggerFactory.getLogger(NotebookSession.class);
  /** How long an interrupted cell may keep running before the kernel is restarted. */
  static final long INTERRUPT_GRACE_MS = 3000;

  public static final String STARTING = "starting";
  public static final String IDLE = "idle";
  public static final String BUSY = "busy";
  public static final String DEAD = "dead";

  private final Context context;
  private final WorkerExecutor files;
  private final NotebookDir dir;
  private final KernelLauncher launcher;
  private final String path;
  private final Notebook notebook;
  private final List<Consumer<JsonObject>> listeners = new ArrayList<>();
  private final Deque<String> queue = new ArrayDeque<>();
  private final Map<String, Consumer<JsonObject>> completions = new java.util.HashMap<>();
  private final NotebookFile file;
  private KernelProcess kernel;
  private String status = STARTING;
  private String runningCell;
  private String runningRequest;
  private long requestCounter;
  private Instant lastBusy;
  private long kernelStartedAt;

  private NotebookSession(Context context, WorkerExecutor files, NotebookDir dir, KernelLauncher launcher,
      String path, Notebook notebook, FileStamp stamp) {
    this.context = context;
    this.files = files;
    this.dir = dir;
    this.launcher = launcher;
    this.path = path;
    this.notebook = notebook;
    this.file = new NotebookFile(files, dir, path, stamp, this::broadcast);
  }

  /** Reads the notebook file and starts its kernel (the kernel becomes idle when warmed up). */
  static Future<NotebookSession> open(Context context, WorkerExecutor files, NotebookDir dir,
      KernelLauncher launcher, String path) {
    return files.executeBlocking(() -> {
      NotebookDir.Read read = dir.read(path);
      return new Object[] {Notebook.parse(read.text()), read.stamp()};
    }, false).map(loaded -> {
      NotebookSession s = new NotebookSession(context, files, dir, launcher, path, (Notebook) loaded[0], (FileStamp) loaded[1]);
      s.startKernel();
      return s;
    });
  }

  public String path() {
    return path;
  }

  public Notebook notebook() {
    return notebook;
  }

  public String status() {
    return status;
  }

  /** When a cell last ran (or runs now), for activity reports; null if never. */
  public Instant lastBusy() {
    return BUSY.equals(status) ? Instant.now() : lastBusy;
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
          .put("state", cell.get("id").equals(runningCell) ? "running" : queue.contains((String) cell.get("id")) ? "queued" : "done"));
    }
    return new JsonObject().put("type", "snapshot").put("status", status).put("cells", cells)
        .put("saveProblem", file.problem());
  }

  /** Queues a code cell with the source the view has (the document takes it only if it changed). */
  public String execute(String cellId, String source) {
    Map<String, Object> cell = notebook.cell(cellId);
    if (cell == null || !"code".equals(Notebook.type(cell))) {
      return "no code cell with id '" + cellId + "' in " + path;
    }
    takeSource(cell, source);
    if (DEAD.equals(status)) {
      return "the kernel is dead; restart it first";
    }
    if (!cellId.equals(runningCell) && !queue.contains(cellId)) {
      queue.add(cellId);
      broadcast(new JsonObject().put("type", "queued").put("cellId", cellId));
    }
    pump();
    return null;
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

  /**
   * Asks the kernel for completions and answers only the asking view; while the kernel is busy
   * (JShell serves one thread) the answer is empty at once.
   */
  public void complete(String code, int cursor, String requestId, Consumer<JsonObject> reply) {
    JsonObject empty = new JsonObject().put("type", "completion").put("requestId", requestId)
        .put("matches", new JsonArray()).put("start", cursor).put("end", cursor);
    if (!IDLE.equals(status) || kernel == null) {
      reply.accept(empty.put("busy", true));
      return;
    }
    String id = "q" + (++requestCounter);
    completions.put(id, m -> {
      m.remove("id");
      reply.accept(m.put("requestId", requestId));
    });
    context.owner().setTimer(5000, t -> {
      if (completions.remove(id) != null) {
        reply.accept(empty);
      }
    });
    kernel.send(new JsonObject().put("type", "complete").put("id", id).put("code", code).put("cursor", cursor));
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
    broadcast(new JsonObject().put("type", "inserted").put("cellId", cell.get("id")).put("afterId", afterId)
        .put("cellType", cellType));
    return (String) cell.get("id");
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
    if (cellId.equals(runningCell) || queue.contains(cellId)) {
      return "the cell is running or queued; interrupt it first";
    }
    notebook.removeCell(cellId);
    file.markDirty();
    broadcast(new JsonObject().put("type", "deleted").put("cellId", cellId));
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
    if (cellId.equals(runningCell) || queue.contains(cellId)) {
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

  private void pump() {
    if (runningCell != null || !IDLE.equals(status) || queue.isEmpty()) {
      return;
    }
    String cellId = queue.poll();
    Map<String, Object> cell = notebook.cell(cellId);
    if (cell == null) {
      pump();
      return;
    }
    runningCell = cellId;
    runningRequest = "r" + (++requestCounter);
    Notebook.outputs(cell).clear();
    Notebook.setExecutionCount(cell, null);
    file.markDirty();
    setStatus(BUSY);
    lastBusy = Instant.now();
    broadcast(new JsonObject().put("type", "started").put("cellId", cellId));
    kernel.send(new JsonObject().put("type", "execute").put("id", runningRequest).put("cellId", cellId)
        .put("code", Notebook.source(cell)));
  }

  private void onKernelMessage(KernelProcess from, JsonObject msg) {
    if (from != kernel) {
      return; // a message from a kernel that was already replaced
    }
    String type = msg.getString("type", "");
    if ("complete_reply".equals(type)) {
      Consumer<JsonObject> asker = completions.remove(msg.getString("id"));
      if (asker != null) {
        asker.accept(msg.copy().put("type", "completion"));
      }
      return;
    }
    if ("ready".equals(type)) {
      LOG.info("{}: kernel ready {} ms after start", path, System.currentTimeMillis() - kernelStartedAt);
      setStatus(IDLE);
      pump();
      return;
    }
    if (runningRequest == null || !runningRequest.equals(msg.getString("id"))) {
      LOG.debug("{}: kernel message for no running cell: {}", path, type);
      return;
    }
    Map<String, Object> cell = notebook.cell(runningCell);
    switch (type) {
      case "stream" -> addOutput(cell, KernelOutputs.stream(msg));
      case "display_data" -> addOutput(cell, KernelOutputs.displayData(msg));
      case "execute_result" -> addOutput(cell, KernelOutputs.executeResult(msg));
      case "error" -> addOutput(cell, KernelOutputs.error(msg));
      case "execute_reply" -> finishCell(cell, msg.getInteger("executionCount"), !"ok".equals(msg.getString("status")));
      default -> LOG.debug("{}: ignoring kernel message {}", path, type);
    }
  }

  private void addOutput(Map<String, Object> cell, Map<String, Object> output) {
    if (cell != null) {
      Notebook.addOutput(cell, output);
      file.markDirty();
    }
    broadcast(new JsonObject().put("type", "output").put("cellId", runningCell).put("output", JsonTrees.toVertx(output)));
  }

  private void finishCell(Map<String, Object> cell, Integer count, boolean failed) {
    if (cell != null) {
      Notebook.setExecutionCount(cell, count);
    }
    broadcast(new JsonObject().put("type", "finished").put("cellId", runningCell).put("executionCount", count)
        .put("status", failed ? "error" : "ok"));
    runningCell = null;
    runningRequest = null;
    lastBusy = Instant.now();
    if (failed) {
      abortQueue("a cell before it failed");
    }
    setStatus(IDLE);
    save();
    pump();
  }

  /** Drops the queued cells (Jupyter's stop_on_error), telling the views why. */
  private void abortQueue(String why) {
    for (String id : queue) {
      broadcast(new JsonObject().put("type", "aborted").put("cellId", id).put("reason", why));
    }
    queue.clear();
  }

  /** Stops the running cell; if it is still running after a grace period the kernel is restarted. */
  public void interrupt() {
    abortQueue("the kernel was interrupted");
    if (runningRequest == null || kernel == null) {
      return;
    }
    String request = runningRequest;
    kernel.send(new JsonObject().put("type", "interrupt").put("id", request));
    context.owner().setTimer(INTERRUPT_GRACE_MS, t -> {
      if (request.equals(runningRequest)) {
        restart("the cell did not stop within " + INTERRUPT_GRACE_MS / 1000 + " s of the interrupt");
      }
    });
  }

  /** Replaces the kernel JVM with a fresh one; all variables and definitions are lost. */
  public void restart(String why) {
    if (kernel != null) {
      kernel.kill();
    }
    String message = "Kernel restarted" + (why == null ? "" : " (" + why + ")") + ": its state (variables, definitions) was lost.";
    endRunningCell(message);
    abortQueue("the kernel was restarted");
    broadcast(new JsonObject().put("type", "kernel").put("message", message));
    startKernel();
  }

  /** "Restart & Run all" (M3): a fresh kernel, then every code cell top to bottom, stopping at an error. */
  public void restartAndRunAll() {
    restart(null);
    for (Map<String, Object> cell : notebook.cells()) {
      if ("code".equals(Notebook.type(cell))) {
        execute((String) cell.get("id"), null);
      }
    }
  }

  private void endRunningCell(String message) {
    if (runningCell == null) {
      return;
    }
    Map<String, Object> cell = notebook.cell(runningCell);
    addOutput(cell, KernelOutputs.kernelProblem(message));
    broadcast(new JsonObject().put("type", "finished").put("cellId", runningCell).put("status", "error"));
    runningCell = null;
    runningRequest = null;
    save();
  }

  private void startKernel() {
    kernelStartedAt = System.currentTimeMillis();
    setStatus(STARTING);
    Path workingDir;
    try {
      workingDir = dir.resolve(path).getParent();
    } catch (Exception e) {
      workingDir = dir.root();
    }
    KernelProcess[] self = new KernelProcess[1];
    KernelProcess.start(context, launcher, workingDir, msg -> onKernelMessage(self[0], msg), reason -> onKernelExit(self[0], reason))
        .onSuccess(k -> {
          self[0] = k;
          kernel = k;
          LOG.info("{}: kernel JVM pid {} started", path, k.pid());
        })
        .onFailure(e -> {
          LOG.warn("{}: kernel did not start: {}", path, e.getMessage());
          setStatus(DEAD);
          broadcast(new JsonObject().put("type", "kernel").put("message", "The kernel could not start: " + e.getMessage()));
        });
  }

  private void onKernelExit(KernelProcess which, String reason) {
    if (which != kernel || reason == null) {
      return; // an old kernel, or one we killed on purpose
    }
    LOG.warn("{}: {}", path, reason);
    kernel = null;
    endRunningCell("Kernel died: " + reason + ". Restart the kernel to continue; its state was lost.");
    abortQueue("the kernel died");
    broadcast(new JsonObject().put("type", "kernel").put("message", "Kernel died: " + reason));
    setStatus(DEAD);
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
    if (runningCell != null || !queue.isEmpty()) {
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
    if (runningCell != null || !queue.isEmpty()) {
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

  /** Kills the kernel (server shutdown or notebook closed). */
  public void shutdown() {
    if (kernel != null) {
      kernel.kill();
      kernel = null;
    }
    setStatus(DEAD);
  }

  private void setStatus(String s) {
    if (!s.equals(status)) {
      status = s;
      broadcast(new JsonObject().put("type", "status").put("status", s));
    }
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

  /** How many cells wait behind the running one. */
  public int queued() {
    return queue.size();
  }
}
