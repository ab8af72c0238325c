package io.enjoy.worker.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.enjoy.conf.worker.WorkerContract;
import io.enjoy.worker.kernel.MemoryLimit;
import io.enjoy.worker.notebook.Notebook;
import io.enjoy.worker.notebook.PythonNbformat;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Cells run in a real kernel JVM through the notebook WebSocket, and their outputs land in the file. */
class KernelExecutionTest extends RunningWorkerTest {
  private static final Duration WAIT = Duration.ofSeconds(60);


  private static String text(JsonObject output) {
    if ("stream".equals(output.getString("output_type"))) {
      return output.getString("text");
    }
    if (output.containsKey("data")) {
      return output.getJsonObject("data").getString("text/plain");
    }
    return output.getString("ename") + ": " + output.getString("evalue") + "\n" + output.getJsonArray("traceback");
  }

  @Test
  void cellPrintsAndReturnsAValueAndTheOutputIsSavedInTheFile() throws Exception {
    Path file = worker.notebook("values.ipynb", "");
    try (RunningWorker.Client c = worker.connect("values.ipynb")) {
      c.awaitIdle();
      c.execute("c1", "var v = 6 * 7;\nSystem.out.println(\"v is \" + v);\nv + 0.5");
      JsonObject finished = c.awaitFinished("c1");
      assertEquals("ok", finished.getString("status"));
      assertEquals(1, finished.getInteger("executionCount"));
      List<JsonObject> outputs = c.outputs("c1");
      assertEquals("stream", outputs.get(0).getString("output_type"));
      assertEquals("v is 42\n", outputs.get(0).getString("text"));
      JsonObject result = outputs.get(outputs.size() - 1);
      assertEquals("execute_result", result.getString("output_type"));
      assertEquals("42.5", result.getJsonObject("data").getString("text/plain"));
    }
    waitFor(() -> Files.readString(file).contains("\"v is 42\\n\""), "stdout saved in the file");
    Map<String, Object> cell = Notebook.parse(Files.readString(file)).cell("c1");
    assertEquals("var v = 6 * 7;\nSystem.out.println(\"v is \" + v);\nv + 0.5", Notebook.source(cell));
    assertEquals("1", String.valueOf(cell.get("execution_count")));
    if (PythonNbformat.available()) {
      assertEquals(null, PythonNbformat.validate(file));
    }
  }

  @Test
  void printfShowsWhatItPrintedAndNotTheStreamItReturns() throws Exception {
    try (RunningWorker.Client c = worker.openIdle("printf.ipynb")) {
      c.execute("c1", "System.out.printf(\"m = %.1f GeV%n\", 172.5)");
      assertEquals("ok", c.awaitFinished("c1").getString("status"));
      List<JsonObject> outputs = c.outputs("c1");
      assertEquals(1, outputs.size(), "only the printed text: " + outputs);
      assertEquals("m = 172.5 GeV\n", outputs.get(0).getString("text"));
    }
    Path file = worker.home.resolve("printf.ipynb");
    waitFor(() -> Files.readString(file).contains("m = 172.5 GeV"), "printed text saved");
    assertEquals(1, Notebook.outputs(Notebook.parse(Files.readString(file)).cell("c1")).size(),
        "the file keeps one stream output, as Jupyter would");
  }

  @Test
  void invariantMassWithTheAnalysisLibrary() throws Exception {
    worker.notebook("mass.ipynb", "");
    double[] a = {91.2, 10.0, -20.0, 35.5};
    double[] b = {80.4, -12.5, 18.0, -40.25};
    double e = a[0] + b[0];
    double px = a[1] + b[1];
    double py = a[2] + b[2];
    double pz = a[3] + b[3];
    double expected = Math.sqrt(e * e - px * px - py * py - pz * pz);
    try (RunningWorker.Client c = worker.connect("mass.ipynb")) {
      c.awaitIdle();
      c.execute("c1", "var a = new FourVector(91.2, 10.0, -20.0, 35.5);\n"
          + "var b = new FourVector(80.4, -12.5, 18.0, -40.25);\n"
          + "a.plus(b).mass()");
      assertEquals("ok", c.awaitFinished("c1").getString("status"), c.seen.toString());
      List<JsonObject> outputs = c.outputs("c1");
      double shown = Double.parseDouble(text(outputs.get(outputs.size() - 1)));
      assertEquals(expected, shown, 1e-9);
    }
  }

  @Test
  void outputIsStreamedWhileTheCellRuns() throws Exception {
    try (RunningWorker.Client c = worker.openIdle("stream.ipynb")) {
      c.execute("c1", "for (int i = 0; i < 3; i++) {\n  System.out.println(\"tick \" + i);\n  Thread.sleep(700);\n}");
      JsonObject first = c.await(e -> "output".equals(e.getString("type")), WAIT, "first output");
      assertEquals("tick 0\n", first.getJsonObject("output").getString("text"));
      assertTrue(c.seen.stream().noneMatch(e -> "finished".equals(e.getString("type"))), "output arrived before the cell finished");
      c.awaitFinished("c1");
      long pieces = c.seen.stream().filter(e -> "output".equals(e.getString("type"))).count();
      assertTrue(pieces >= 3, "one piece on the wire per tick: " + c.seen);
      assertEquals("tick 0\ntick 1\ntick 2\n", text(c.outputs("c1").get(0)), "shown as one stream");
    }
  }

  @Test
  void compileErrorNamesTheCellLine() throws Exception {
    try (RunningWorker.Client c = worker.openIdle("compile.ipynb")) {
      c.execute("c1", "int a = 1;\n\nint b = a + undefinedThing;\nSystem.out.println(b);");
      assertEquals("error", c.awaitFinished("c1").getString("status"));
      JsonObject error = c.outputs("c1").get(0);
      assertEquals("error", error.getString("output_type"));
      assertEquals("CompilationError", error.getString("ename"));
      assertTrue(error.getString("evalue").startsWith("line 3:"), error.getString("evalue"));
      assertTrue(error.getJsonArray("traceback").getString(1).contains("int b = a + undefinedThing;"), error.toString());
    }
  }

  @Test
  void runtimeExceptionIsMappedToTheCellLine() throws Exception {
    worker.notebook("runtime.ipynb", "", "");
    try (RunningWorker.Client c = worker.connect("runtime.ipynb")) {
      c.awaitIdle();
      c.execute("c1", "int[] data = new int[2];\nint f(int[] d) {\n  return d[5];\n}");
      assertEquals("ok", c.awaitFinished("c1").getString("status"));
      c.execute("c2", "int x = 1;\nint y = f(data);");
      assertEquals("error", c.awaitFinished("c2").getString("status"));
      JsonObject error = c.outputs("c2").get(0);
      assertEquals("java.lang.ArrayIndexOutOfBoundsException", error.getString("ename"));
      String tb = error.getJsonArray("traceback").toString();
      assertTrue(tb.contains("at f() (cell c1, line 3)"), tb);
      assertTrue(tb.contains("at cell code (line 2)"), tb);
    }
  }

  @Test
  void endlessLoopIsInterruptedAndTheKernelKeepsItsState() throws Exception {
    worker.notebook("loop.ipynb", "", "");
    try (RunningWorker.Client c = worker.connect("loop.ipynb")) {
      c.awaitIdle();
      c.execute("c1", "int kept = 7;");
      c.awaitFinished("c1");
      c.execute("c2", "while (true) {}");
      c.await(e -> "started".equals(e.getString("type")) && "c2".equals(e.getString("cellId")), WAIT, "loop started");
      Thread.sleep(500);
      long asked = System.nanoTime();
      c.send(new JsonObject().put("type", "interrupt"));
      assertEquals("error", c.awaitFinished("c2").getString("status"));
      assertTrue(System.nanoTime() - asked < Duration.ofSeconds(3).toNanos(), "stopped within the grace period");
      c.execute("c1", "kept * 6");
      c.awaitFinished("c1");
      List<JsonObject> outputs = c.outputs("c1");
      assertEquals("42", text(outputs.get(outputs.size() - 1)), "variables survive an interrupt");
    }
  }

  @Test
  void codeThatIgnoresTheInterruptGetsTheKernelRestartedAndSaysStateWasLost() throws Exception {
    try (RunningWorker.Client c = worker.openIdle("stubborn.ipynb")) {
      c.execute("c1", "while (true) {\n  try {\n    while (true) {}\n  } catch (Throwable ignored) {\n  }\n}");
      c.await(e -> "started".equals(e.getString("type")), WAIT, "cell started");
      Thread.sleep(300);
      c.send(new JsonObject().put("type", "interrupt"));
      JsonObject finished = c.awaitFinished("c1");
      assertEquals("error", finished.getString("status"));
      String shown = text(c.outputs("c1").get(c.outputs("c1").size() - 1));
      assertTrue(shown.contains("Kernel restarted") && shown.contains("state (variables, definitions) was lost"), shown);
      c.awaitIdle();
      c.execute("c1", "40 + 2");
      c.awaitFinished("c1");
      assertEquals("42", text(c.outputs("c1").get(c.outputs("c1").size() - 1)), "the new kernel works");
    }
  }

  @Test
  void endlessPrintingIsCutAtTheOutputLimitWithANotice() throws Exception {
    Path file = worker.notebook("flood.ipynb", "");
    try (RunningWorker.Client c = worker.connect("flood.ipynb")) {
      c.awaitIdle();
      c.execute("c1", "String line = \"x\".repeat(99);\nfor (int i = 0; i < 20000; i++) System.out.println(line);");
      assertEquals("ok", c.awaitFinished("c1").getString("status"));
      String all = String.join("", c.outputs("c1").stream().map(KernelExecutionTest::text).toList());
      assertTrue(all.length() <= (1 << 20) + 200, "capped at 1 MiB: " + all.length());
      assertTrue(all.endsWith("[output truncated: this cell printed more than 1024 KiB]\n"), all.substring(all.length() - 100));
    }
    waitFor(() -> Files.readString(file).contains("output truncated"), "the capped output is saved");
  }

  @Test
  void aFileChangedOnDiskIsNotOverwritten() throws Exception {
    Path file = worker.notebook("conflict.ipynb", "");
    try (RunningWorker.Client c = worker.connect("conflict.ipynb")) {
      c.awaitIdle();
      Thread.sleep(20);
      String external = Files.readString(file).replace("\"nbformat_minor\": 5", "\"nbformat_minor\": 5, \"metadata\": {}")
          .replace("\"cells\": [", "\"cells\": [ ");
      Files.writeString(file, external); // someone else (git, another editor) changed the file
      c.execute("c1", "1");
      c.awaitFinished("c1");
      JsonObject failed = c.await(e -> "save-failed".equals(e.getString("type")), WAIT, "save refused");
      assertTrue(failed.getString("message").contains("changed on disk"), failed.getString("message"));
      assertEquals(external, Files.readString(file));
      c.send(new JsonObject().put("type", "save").put("overwrite", true).put("sources", new JsonObject()));
      c.await(e -> "saved".equals(e.getString("type")), WAIT, "saved over the other version");
      assertEquals("1", String.valueOf(Notebook.parse(Files.readString(file)).cell("c1").get("execution_count")),
          "the student chose to keep their version");
    }
  }

  @Test
  void outputIsSavedWhileNoViewIsConnected() throws Exception {
    Path file = worker.notebook("closed-tab.ipynb", "");
    try (RunningWorker.Client c = worker.connect("closed-tab.ipynb")) {
      c.awaitIdle();
      c.execute("c1", "Thread.sleep(1500);\nSystem.out.println(\"written after the tab closed: \" + (20 + 22));");
      c.await(e -> "started".equals(e.getString("type")), WAIT, "cell started");
    } // the view goes away while the cell still runs
    waitFor(() -> Files.readString(file).contains("written after the tab closed: 42\\n"), "output saved without a view");
    try (RunningWorker.Client again = worker.connect("closed-tab.ipynb")) {
      JsonObject snapshot = again.await(e -> "snapshot".equals(e.getString("type")), WAIT, "snapshot");
      assertTrue(snapshot.encode().contains("written after the tab closed: 42"), "a new view sees the server's document: " + snapshot);
    }
  }

  @Test
  void errorCancelsTheQueuedCells() throws Exception {
    Path file = worker.notebook("queue.ipynb", "", "", "");
    try (RunningWorker.Client c = worker.connect("queue.ipynb")) {
      c.awaitIdle();
      c.execute("c1", "Thread.sleep(500);\nthrow new IllegalStateException(\"boom\");");
      c.execute("c2", "System.out.println(\"must not run\");");
      c.execute("c3", "System.out.println(\"must not run either\");");
      assertEquals("error", c.awaitFinished("c1").getString("status"));
      c.await(e -> "aborted".equals(e.getString("type")) && "c3".equals(e.getString("cellId")), WAIT, "c3 aborted");
      assertTrue(c.seen.stream().anyMatch(e -> "aborted".equals(e.getString("type")) && "c2".equals(e.getString("cellId"))));
      Thread.sleep(500);
      assertTrue(c.outputs("c2").isEmpty() && c.outputs("c3").isEmpty());
    }
    waitFor(() -> Files.readString(file).contains("boom"), "error saved");
    Notebook saved = Notebook.parse(Files.readString(file));
    assertTrue(Notebook.outputs(saved.cell("c2")).isEmpty() && Notebook.outputs(saved.cell("c3")).isEmpty());
  }

  @Test
  void displayShowsRichOutputOfARenderableObject() throws Exception {
    try (RunningWorker.Client c = worker.openIdle("display.ipynb")) {
      c.execute("c1", "record Pic(int size) implements MimeRenderable {\n"
          + "  public Map<String, String> mimeBundle() {\n"
          + "    return Map.of(\"image/svg+xml\", \"<svg xmlns='http://www.w3.org/2000/svg' width='\" + size + \"'/>\", \"text/plain\", \"Pic \" + size);\n"
          + "  }\n}\ndisplay(new Pic(3));\nnew Pic(4)");
      assertEquals("ok", c.awaitFinished("c1").getString("status"), c.seen.toString());
      List<JsonObject> outputs = c.outputs("c1");
      assertEquals("display_data", outputs.get(0).getString("output_type"));
      assertTrue(outputs.get(0).getJsonObject("data").getString("image/svg+xml").contains("width='3'"));
      assertEquals("execute_result", outputs.get(1).getString("output_type"));
      assertEquals("Pic 4", outputs.get(1).getJsonObject("data").getString("text/plain"));
      assertTrue(outputs.get(1).getJsonObject("data").containsKey("image/svg+xml"));
    }
  }

  @Test
  void kernelDeathIsReportedWithItsReason() throws Exception {
    Path file = worker.notebook("death.ipynb", "");
    try (RunningWorker.Client c = worker.connect("death.ipynb")) {
      c.awaitIdle();
      c.execute("c1", "System.exit(7);");
      c.await(e -> "status".equals(e.getString("type")) && "dead".equals(e.getString("status")), WAIT, "kernel dead");
      assertTrue(c.seen.stream().anyMatch(e -> "kernel".equals(e.getString("type"))
          && e.getString("message").contains("exited with code 7")), c.seen.toString());
      c.send(new JsonObject().put("type", "restart"));
      c.awaitIdle();
      c.execute("c1", "1 + 1");
      c.awaitFinished("c1");
      assertEquals("2", text(c.outputs("c1").get(c.outputs("c1").size() - 1)));
    }
    Assumptions.assumeTrue(Files.exists(file));
  }

  @Test
  void tabCompletionUsesTheKernelsDefinitions() throws Exception {
    try (RunningWorker.Client c = worker.openIdle("complete.ipynb")) {
      c.execute("c1", "double totalMass = 1;");
      c.awaitFinished("c1");
      String code = "int a = 1;\nvar v = new FourVec";
      c.send(new JsonObject().put("type", "complete").put("code", code).put("cursor", code.length()).put("requestId", "x1"));
      JsonObject reply = c.await(e -> "completion".equals(e.getString("type")), WAIT, "completion");
      assertEquals("x1", reply.getString("requestId"));
      assertTrue(reply.getJsonArray("matches").contains("FourVector("), reply.encode());
      assertEquals(code.length() - "FourVec".length(), reply.getInteger("start"));
      assertEquals(code.length(), reply.getInteger("end"));
      String second = "System.out.println(totalM";
      c.send(new JsonObject().put("type", "complete").put("code", second).put("cursor", second.length()).put("requestId", "x2"));
      JsonObject r2 = c.await(e -> "completion".equals(e.getString("type")), WAIT, "completion 2");
      assertTrue(r2.getJsonArray("matches").contains("totalMass"), r2.encode());
    }
  }

  @Test
  void kernelThatRunsOutOfMemoryIsReportedAsSuch(Vertx vertx, @TempDir Path small) throws Exception {
    // The smallest limit a worker accepts: the kernel's heap is 128 MiB, filled within a second.
    try (RunningWorker tight = new RunningWorker(vertx, small, Map.of(WorkerContract.MEM_LIMIT, Long.toString(256L << 20)))) {
      Path file = tight.notebook("oom.ipynb", "");
      try (RunningWorker.Client c = tight.connect("oom.ipynb")) {
        c.awaitIdle();
        c.execute("c1", "List<long[]> hog = new ArrayList<>();\nwhile (true) hog.add(new long[1_000_000]);");
        c.await(e -> "status".equals(e.getString("type")) && "dead".equals(e.getString("status")), WAIT, "kernel dead");
        assertTrue(c.seen.stream().anyMatch(e -> "kernel".equals(e.getString("type"))
            && e.getString("message").contains("ran out of memory")), c.seen.toString());
      }
      waitFor(() -> Files.readString(file).contains("ran out of memory"), "the reason is saved in the cell");
    }
  }

  /**
   * The kernel JVM sizes its heap from MEM_LIMIT (what the spawner gives the server), not from the
   * host's RAM: 512 MiB gives a 256 MiB heap, and without a limit (this host has no cgroup limit
   * for the test JVM) the 1 GiB default gives 704 MiB, far below what 1/4 of the host would be.
   */
  @Test
  void kernelHeapFollowsTheMemoryLimit(Vertx vertx, @TempDir Path limited) throws Exception {
    long limitedMax;
    try (RunningWorker w = new RunningWorker(vertx, limited, Map.of(WorkerContract.MEM_LIMIT, Long.toString(512L << 20)))) {
      w.notebook("heap.ipynb", "");
      try (RunningWorker.Client c = w.connect("heap.ipynb")) {
        limitedMax = heapMaxAfterACell(c);
      }
    }
    assertTrue(limitedMax <= 256L << 20 && limitedMax > 230L << 20, "heap max at MEM_LIMIT=512m: " + (limitedMax >> 20) + " MiB");
    Assumptions.assumeTrue("default".equals(MemoryLimit.fromEnv(Map.of()).source()), "this JVM runs under a cgroup memory limit");
    long defaultMax;
    worker.notebook("heap-default.ipynb", "");
    try (RunningWorker.Client c = worker.connect("heap-default.ipynb")) {
      defaultMax = heapMaxAfterACell(c);
    }
    // Runtime.maxMemory() is -Xmx less one survivor space with the serial collector.
    assertTrue(defaultMax <= 704L << 20 && defaultMax > 640L << 20, "heap max without MEM_LIMIT: " + (defaultMax >> 20) + " MiB");
  }

  private static long heapMaxAfterACell(RunningWorker.Client c) throws Exception {
    c.awaitIdle();
    c.execute("c1", "1 + 1");
    JsonObject finished = c.await(e -> "finished".equals(e.getString("type")) && "c1".equals(e.getString("cellId")), WAIT, "cell finished");
    return finished.getJsonObject("heap").getLong("max");
  }

  interface Check {
    boolean ok() throws Exception;
  }

  static void waitFor(Check check, String what) throws Exception {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (System.nanoTime() < deadline) {
      if (check.ok()) {
        return;
      }
      Thread.sleep(100);
    }
    throw new AssertionError("timed out waiting until " + what);
  }
}
