package io.enjoy.worker.kernel;

import io.enjoy.worker.display.Display;
import io.enjoy.worker.display.ResultHolder;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import jdk.jshell.Diag;
import jdk.jshell.EvalException;
import jdk.jshell.ExpressionSnippet;
import jdk.jshell.JShell;
import jdk.jshell.JShellException;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import jdk.jshell.SourceCodeAnalysis;
import jdk.jshell.SourceCodeAnalysis.Completeness;
import jdk.jshell.UnresolvedReferenceException;
import jdk.jshell.VarSnippet;

/**
 * Runs notebook cells in one JShell with the local execution engine (reference:
 * notebook-anchors c.5). A cell is split into snippets with {@code analyzeCompletion}; each
 * snippet's offset in the cell is remembered so compile errors and stack frames name cell lines.
 * The value of a final expression becomes the execute_result. Only {@link #interrupt()} may be
 * called from another thread (JShell is single-threaded except for {@code stop()}).
 */
final class CellRunner {
  private static final Set<String> PLAIN_VALUE_TYPES = Set.of(
      "int", "long", "double", "float", "boolean", "char", "short", "byte", "String", "java.lang.String");

  /**
   * {@code System.out.printf(...)} and friends return their stream for chaining; echoing
   * {@code java.io.PrintStream@1b6d3586} under what the cell printed is noise to a student.
   */
  private static final Set<String> SILENT_RESULT_TYPES = Set.of("java.io.PrintStream", "PrintStream", "java.io.PrintWriter", "PrintWriter");

  private final JShell shell;
  private final KernelChannel channel;
  /** Sends buffered stdout/stderr, so output always precedes the result, error or reply after it. */
  private final Runnable flushOutput;
  /** snippet id → where it came from, for mapping stack frames to cell lines. */
  private final Map<String, SnippetOrigin> origins = new HashMap<>();
  private int executionCount;
  private static final long STOP_RETRY_NANOS = 2_500_000_000L;
  private volatile boolean interrupted;
  private volatile String runningId;
  private volatile String interruptFor;

  private record SnippetOrigin(String cellId, int firstLine) {}

  CellRunner(KernelChannel channel, Runnable flushOutput) {
    this.channel = channel;
    this.flushOutput = flushOutput;
    this.shell = JShell.builder().executionEngine("local").build();
  }

  /** Imports and one throw-away evaluation, so the first cell does not pay the compiler warm-up. */
  void warmUp(List<String> imports) {
    for (String imp : imports) {
      shell.eval(imp);
    }
    shell.eval("int $warmup = 1 + 1;");
    shell.eval("io.enjoy.worker.display.ResultHolder.capture($warmup);");
    ResultHolder.take();
  }

  /**
   * Stops execution {@code id}: the running one at once, or — if the request overtook the execute
   * message — that execution as soon as it would start.
   */
  void interrupt(String id) {
    interruptFor = id;
    if (id == null || !id.equals(runningId)) {
      return;
    }
    interrupted = true;
    // JShell.stop() only reaches code that is already executing; a cell still being compiled would
    // miss it. Keep stopping for a while (the server restarts the kernel after its grace period).
    Thread stopper = new Thread(() -> {
      long until = System.nanoTime() + STOP_RETRY_NANOS;
      while (id.equals(runningId) && System.nanoTime() < until) {
        shell.stop();
        try {
          Thread.sleep(100);
        } catch (InterruptedException e) {
          return;
        }
      }
    }, "interrupt-" + id);
    stopper.setDaemon(true);
    stopper.start();
  }

  /** Executes a cell and sends its outputs and an execute_reply tagged with {@code id}. */
  void execute(String id, String cellId, String code) {
    int count = ++executionCount;
    runningId = id;
    interrupted = id.equals(interruptFor);
    String status = "ok";
    SnippetEvent lastEvent = null;
    String remaining = code;
    try {
      while (!interrupted) {
        SourceCodeAnalysis.CompletionInfo info = shell.sourceCodeAnalysis().analyzeCompletion(remaining);
        int offset = code.length() - remaining.length();
        if (info.completeness() == Completeness.EMPTY) {
          break;
        }
        if (!info.completeness().isComplete()) {
          int line = lineAt(code, offset + leadingBlank(remaining));
          sendError(id, "CompilationError", "incomplete input at line " + line,
              List.of("Line " + line + ": the statement is not complete (a missing ';', ')' or '}'?)",
                  "    " + lineText(code, line)));
          status = "error";
          break;
        }
        // Leading blank lines are cut off: JShell's stack-frame line numbers are wrong when a
        // snippet starts with a newline. `start` is where the evaluated text begins in the cell.
        int blank = leadingBlank(info.source());
        String source = info.source().substring(blank);
        int start = offset + blank;
        remaining = info.remaining();
        List<SnippetEvent> events = shell.eval(source);
        SnippetEvent main = null;
        for (SnippetEvent e : events) {
          if (e.causeSnippet() == null) {
            main = e;
            origins.put(e.snippet().id(), new SnippetOrigin(cellId, lineAt(code, start)));
          }
        }
        if (interrupted) {
          sendError(id, "Interrupted", "the cell was interrupted", List.of("Interrupted: the cell was stopped."));
          status = "error";
          break;
        }
        if (main == null) {
          continue;
        }
        if (main.status() == Snippet.Status.REJECTED) {
          sendCompileError(id, code, start, main.snippet());
          status = "error";
          break;
        }
        if (main.exception() != null) {
          sendRuntimeError(id, cellId, main.exception());
          status = "error";
          break;
        }
        if (main.status() == Snippet.Status.RECOVERABLE_DEFINED || main.status() == Snippet.Status.RECOVERABLE_NOT_DEFINED) {
          noteUnresolved(main.snippet());
        }
        lastEvent = main;
      }
      if (interrupted && "ok".equals(status)) {
        sendError(id, "Interrupted", "the cell was interrupted", List.of("Interrupted: the cell was stopped."));
        status = "error";
      }
      if ("ok".equals(status) && lastEvent != null) {
        sendResult(id, count, lastEvent);
      }
    } catch (RuntimeException e) {
      sendError(id, e.getClass().getName(), String.valueOf(e.getMessage()), List.of("kernel error: " + e));
      status = "error";
    }
    flushOutput.run();
    runningId = null;
    Runtime rt = Runtime.getRuntime();
    channel.send(new JsonObject().put("type", "execute_reply").put("id", id).put("status", status)
        .put("executionCount", count).put("heapUsed", rt.totalMemory() - rt.freeMemory()).put("heapMax", rt.maxMemory()));
  }

  /**
   * Completions at {@code cursor} (S1): only the statement the cursor is in is analysed, so a
   * multi-statement cell completes like its last line. Runs on the cell thread, between cells.
   */
  void complete(String id, String code, int cursor) {
    String before = code.substring(0, Math.max(0, Math.min(cursor, code.length())));
    String tail = before;
    while (true) {
      SourceCodeAnalysis.CompletionInfo info = shell.sourceCodeAnalysis().analyzeCompletion(tail);
      if (!info.completeness().isComplete() || info.remaining().isEmpty() || info.remaining().length() >= tail.length()) {
        break;
      }
      tail = info.remaining();
    }
    int base = before.length() - tail.length();
    int[] anchor = new int[1];
    JsonArray matches = new JsonArray();
    try {
      shell.sourceCodeAnalysis().completionSuggestions(tail, tail.length(), anchor).stream()
          .map(SourceCodeAnalysis.Suggestion::continuation).distinct().sorted().limit(200).forEach(matches::add);
    } catch (RuntimeException e) {
      anchor[0] = tail.length(); // no completion for text JShell cannot analyse
    }
    channel.send(new JsonObject().put("type", "complete_reply").put("id", id).put("matches", matches)
        .put("start", base + anchor[0]).put("end", before.length()));
  }

  private void sendResult(String id, int count, SnippetEvent event) {
    Snippet s = event.snippet();
    String name = null;
    String typeName = null;
    if (s instanceof VarSnippet v && s.subKind() == Snippet.SubKind.TEMP_VAR_EXPRESSION_SUBKIND) {
      name = v.name();
      typeName = v.typeName();
    } else if (s instanceof ExpressionSnippet x && s.subKind() == Snippet.SubKind.VAR_VALUE_SUBKIND) {
      name = x.name();
      typeName = x.typeName();
    } else if (s.subKind() != Snippet.SubKind.OTHER_EXPRESSION_SUBKIND) {
      return; // declarations, statements and imports show nothing, as in Jupyter's Java kernels
    }
    if (event.value() == null || SILENT_RESULT_TYPES.contains(typeName)) {
      return;
    }
    Map<String, String> bundle = Map.of("text/plain", event.value());
    if (name != null && !PLAIN_VALUE_TYPES.contains(typeName)) {
      List<SnippetEvent> capture = shell.eval("io.enjoy.worker.display.ResultHolder.capture(" + name + ");");
      boolean ok = capture.stream().allMatch(e -> e.exception() == null && e.status() != Snippet.Status.REJECTED);
      Object live = ResultHolder.take();
      if (ok && live != null) {
        Map<String, String> rich = Display.bundleOf(live);
        if (rich.size() > 1) {
          bundle = rich;
        }
      }
    }
    flushOutput.run();
    channel.send(new JsonObject().put("type", "execute_result").put("id", id).put("executionCount", count)
        .put("data", new JsonObject(new HashMap<>(bundle))));
  }

  private void sendCompileError(String id, String code, int offset, Snippet snippet) {
    List<String> lines = new ArrayList<>();
    String first = null;
    for (Diag d : shell.diagnostics(snippet).toList()) {
      if (!d.isError()) {
        continue;
      }
      long pos = d.getStartPosition() >= 0 ? d.getStartPosition() : d.getPosition();
      int cellPos = (int) Math.min(code.length(), offset + Math.max(0, pos));
      int line = lineAt(code, cellPos);
      String message = d.getMessage(Locale.ROOT);
      if (first == null) {
        first = "line " + line + ": " + message.lines().findFirst().orElse(message);
      }
      lines.add("Line " + line + ": " + message.lines().findFirst().orElse(message));
      lines.add("    " + lineText(code, line));
      lines.add("    " + " ".repeat(Math.max(0, cellPos - lineStart(code, line))) + "^");
      message.lines().skip(1).forEach(rest -> lines.add("  " + rest.strip()));
    }
    if (first == null) {
      first = "the snippet was rejected";
      lines.add("Line " + lineAt(code, offset) + ": " + first);
    }
    sendError(id, "CompilationError", first, lines);
  }

  private void sendRuntimeError(String id, String cellId, JShellException ex) {
    List<String> lines = new ArrayList<>();
    String ename;
    String evalue;
    if (ex instanceof UnresolvedReferenceException u) {
      ename = "UnresolvedReference";
      evalue = "'" + describe(u.getSnippet()) + "' cannot be used until these are declared: "
          + String.join(", ", shell.unresolvedDependencies(u.getSnippet()).toList());
      lines.add(ename + ": " + evalue);
    } else {
      ename = ex instanceof EvalException ee ? ee.getExceptionClassName() : ex.getClass().getName();
      evalue = ex.getMessage() == null ? "" : ex.getMessage();
      lines.add(ename + (evalue.isEmpty() ? "" : ": " + evalue));
    }
    appendFrames(lines, cellId, ex);
    Throwable cause = ex.getCause();
    while (cause != null) {
      String cname = cause instanceof EvalException ce ? ce.getExceptionClassName() : cause.getClass().getName();
      lines.add("Caused by: " + cname + (cause.getMessage() == null ? "" : ": " + cause.getMessage()));
      appendFrames(lines, cellId, cause);
      cause = cause.getCause();
    }
    sendError(id, ename, evalue, lines);
  }

  /** Frames of snippet code become "at method (line n)"; JShell's and the kernel's own frames are dropped. */
  private void appendFrames(List<String> lines, String cellId, Throwable t) {
    for (StackTraceElement f : t.getStackTrace()) {
      String file = f.getFileName();
      if (file != null && file.startsWith("#")) {
        SnippetOrigin origin = origins.get(file.substring(1));
        String method = f.getMethodName().isEmpty() || f.getMethodName().startsWith("do_it$")
            ? "cell code" : f.getMethodName() + "()";
        if (origin == null) {
          lines.add("\tat " + method);
        } else {
          int line = origin.firstLine() + f.getLineNumber() - 1;
          lines.add("\tat " + method + " (" + (origin.cellId().equals(cellId) ? "" : "cell " + origin.cellId() + ", ")
              + "line " + line + ")");
        }
      } else if (!isInfrastructure(f.getClassName())) {
        lines.add("\tat " + f);
      }
    }
  }

  private static boolean isInfrastructure(String className) {
    return className.startsWith("jdk.jshell.") || className.startsWith("jdk.internal.")
        || className.startsWith("java.lang.reflect.") || className.startsWith("io.enjoy.worker.kernel.")
        || className.startsWith("java.lang.Thread");
  }

  private void noteUnresolved(Snippet snippet) {
    List<String> missing = shell.unresolvedDependencies((jdk.jshell.DeclarationSnippet) snippet).toList();
    if (!missing.isEmpty()) {
      System.out.println("note: '" + describe(snippet) + "' is defined but cannot be used until "
          + String.join(", ", missing) + " is declared");
    }
  }

  private static String describe(Snippet s) {
    return s instanceof jdk.jshell.DeclarationSnippet d ? d.name() : s.source().strip();
  }

  private void sendError(String id, String ename, String evalue, List<String> traceback) {
    flushOutput.run();
    channel.send(new JsonObject().put("type", "error").put("id", id).put("ename", ename).put("evalue", evalue)
        .put("traceback", new JsonArray(new ArrayList<>(traceback))));
  }

  static int lineAt(String code, int pos) {
    int line = 1;
    for (int i = 0; i < pos && i < code.length(); i++) {
      if (code.charAt(i) == '\n') {
        line++;
      }
    }
    return line;
  }

  private static int lineStart(String code, int line) {
    int pos = 0;
    for (int l = 1; l < line; l++) {
      int nl = code.indexOf('\n', pos);
      if (nl < 0) {
        return code.length();
      }
      pos = nl + 1;
    }
    return pos;
  }

  private static String lineText(String code, int line) {
    int start = lineStart(code, line);
    int end = code.indexOf('\n', start);
    return code.substring(start, end < 0 ? code.length() : end);
  }

  private static int leadingBlank(String s) {
    int i = 0;
    while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
      i++;
    }
    return i;
  }
}
