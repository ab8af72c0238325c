package io.enjoy.worker.session;

import io.enjoy.worker.notebook.Notebook;
import io.vertx.core.Context;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Running a notebook's cells: its kernel JVM, the queue (one cell at a time, the rest aborted on
 * error or interrupt, M5), the interrupt ladder (stop, then restart after a grace period, M4) and
 * the kernel's status (M6). Outputs go straight into the document, so they are kept and saved
 * with or without a view. Runs on the session's context.
 */
final class CellExecution {
  private static final Logger LOG = LoggerFactory.getLogger(CellExecution.class);
  /** How long an interrupted cell may keep running before the kernel is restarted. */
  static final long INTERRUPT_GRACE_MS = 3000;

  static final String STARTING = "starting";
  /** Starting again after a restart (asked for, or the interrupt ladder's last step): the old state is gone. */
  static final String RESTARTING = "restarting";
  static final String IDLE = "idle";
  static final String BUSY = "busy";
  static final String DEAD = "dead";

  private final Context context;
  private final KernelLauncher launcher;
  private final Path workingDir;
  private final String path;
  private final Notebook notebook;
  private final Consumer<JsonObject> broadcast;
  private final Runnable changed;
  private final Runnable save;
  private final Deque<String> queue = new ArrayDeque<>();
  private final Map<String, Consumer<JsonObject>> completions = new HashMap<>();
  private KernelProcess kernel;
  private String status = STARTING;
  private String runningCell;
  private String runningRequest;
  private long requestCounter;
  private Instant lastBusy;
  private long kernelStartedAt;
  /** Counts kernel starts, so a start that finishes after a newer one (or a shutdown) is discarded. */
  private int kernelGeneration;
  /** What the views were last told about the kernel (died, restarted, could not start), or null; new views get it too. */
  private String kernelMessage;
  /** The kernel's heap after the last cell ({used, max} in bytes), shown so students restart before it fills. */
  private JsonObject heap;

  /**
   * @param changed marks the document changed (for autosave)
   * @param save saves the document now (after each cell)
   */
  CellExecution(Context context, KernelLauncher launcher, Path workingDir, String path, Notebook notebook,
      Consumer<JsonObject> broadcast, Runnable changed, Runnable save) {
    this.context = context;
    this.launcher = launcher;
    this.workingDir = workingDir;
    this.path = path;
    this.notebook = notebook;
    this.broadcast = broadcast;
    this.changed = changed;
    this.save = save;
  }

  String status() {
    return status;
  }

  /** When a cell last ran (or runs now), for activity reports; null if never. */
  Instant lastBusy() {
    return BUSY.equals(status) ? Instant.now() : lastBusy;
  }

  /** Whether any cell runs or waits. */
  boolean active() {
    return runningCell != null || !queue.isEmpty();
  }

  /** Whether this cell runs or waits. */
  boolean active(String cellId) {
    return cellId.equals(runningCell) || queue.contains(cellId);
  }

  /** "running", "queued" or "done", for a view's snapshot. */
  String stateOf(String cellId) {
    return cellId.equals(runningCell) ? "running" : queue.contains(cellId) ? "queued" : "done";
  }

  String kernelMessage() {
    return kernelMessage;
  }

  /**
   * Queues a code cell; returns a problem for the view, or null. On a dead kernel the cell is
   * answered as not run at once (every view), so no view is left showing it as waiting.
   */
  String enqueue(String cellId) {
    if (DEAD.equals(status)) {
      String problem = "the kernel is dead" + (kernelMessage == null ? "" : " (" + kernelMessage + ")") + "; restart it first";
      broadcast(new JsonObject().put("type", "aborted").put("cellId", cellId).put("reason", problem));
      return problem;
    }
    if (!active(cellId)) {
      queue.add(cellId);
      broadcast(new JsonObject().put("type", "queued").put("cellId", cellId));
    }
    pump();
    return null;
  }

  private void broadcast(JsonObject event) {
    broadcast.accept(event);
  }

  /**
   * Asks the kernel for completions and answers only the asking view; while the kernel is busy
   * (JShell serves one thread) the answer is empty at once.
   */
  void complete(String code, int cursor, String requestId, Consumer<JsonObject> reply) {
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
    changed.run();
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
      case "execute_reply" -> {
        heap = new JsonObject().put("used", msg.getLong("heapUsed", 0L)).put("max", msg.getLong("heapMax", 0L));
        finishCell(cell, msg.getInteger("executionCount"), !"ok".equals(msg.getString("status")));
      }
      default -> LOG.debug("{}: ignoring kernel message {}", path, type);
    }
  }

  private void addOutput(Map<String, Object> cell, Map<String, Object> output) {
    if (cell != null) {
      Notebook.addOutput(cell, output);
      changed.run();
    }
    broadcast(new JsonObject().put("type", "output").put("cellId", runningCell).put("output", JsonTrees.toVertx(output)));
  }

  private void finishCell(Map<String, Object> cell, Integer count, boolean failed) {
    if (cell != null) {
      Notebook.setExecutionCount(cell, count);
    }
    broadcast(new JsonObject().put("type", "finished").put("cellId", runningCell).put("executionCount", count)
        .put("status", failed ? "error" : "ok").put("heap", heap));
    runningCell = null;
    runningRequest = null;
    lastBusy = Instant.now();
    if (failed) {
      abortQueue("a cell before it failed");
    }
    setStatus(IDLE);
    save.run();
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
  void interrupt() {
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
  void restart(String why) {
    if (kernel != null) {
      kernel.kill();
    }
    String message = "Kernel restarted" + (why == null ? "" : " (" + why + ")") + ": its state (variables, definitions) was lost.";
    endRunningCell(message);
    abortQueue("the kernel was restarted");
    tell(message);
    start(RESTARTING);
  }

  /** "Restart & Run all" (M3): a fresh kernel, then every code cell top to bottom, stopping at an error. */
  void restartAndRunAll() {
    restart(null);
    for (Map<String, Object> cell : notebook.cells()) {
      if ("code".equals(Notebook.type(cell))) {
        enqueue((String) cell.get("id"));
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
    save.run();
  }

  void start() {
    start(STARTING);
  }

  private void start(String startingStatus) {
    kernelStartedAt = System.currentTimeMillis();
    int generation = ++kernelGeneration;
    setStatus(startingStatus);
    KernelProcess[] self = new KernelProcess[1];
    KernelProcess.start(context, launcher, workingDir, msg -> onKernelMessage(self[0], msg), reason -> onKernelExit(self[0], reason))
        .onSuccess(k -> {
          self[0] = k;
          if (generation != kernelGeneration) {
            k.kill(); // restarted or shut down while this one was starting
            return;
          }
          kernel = k;
          LOG.info("{}: kernel JVM pid {} started", path, k.pid());
        })
        .onFailure(e -> {
          if (generation != kernelGeneration) {
            return;
          }
          LOG.warn("{}: kernel did not start: {}", path, e.getMessage());
          abortQueue("the kernel could not start");
          setStatus(DEAD);
          tell("The kernel could not start: " + e.getMessage());
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
    tell("Kernel died: " + reason);
    setStatus(DEAD);
  }

  /** Kills the kernel (server shutdown or notebook closed). */
  void shutdown() {
    kernelGeneration++;
    if (kernel != null) {
      kernel.kill();
      kernel = null;
    }
    setStatus(DEAD);
  }

  /** Tells every view (and views opened later) what happened to the kernel. */
  private void tell(String message) {
    kernelMessage = message;
    broadcast(new JsonObject().put("type", "kernel").put("message", message));
  }

  private void setStatus(String s) {
    if (!s.equals(status)) {
      status = s;
      broadcast(new JsonObject().put("type", "status").put("status", s));
    }
  }

  /** How many cells wait behind the running one. */
  int queued() {
    return queue.size();
  }
}
