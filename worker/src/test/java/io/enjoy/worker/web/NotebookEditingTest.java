package io.enjoy.worker.web;

import static io.enjoy.worker.web.RunningWorker.PREFIX;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.enjoy.worker.notebook.Notebook;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Editing the server-side document through the view protocol: edits, structure, protected cells. */
class NotebookEditingTest extends RunningWorkerTest {
  private static final Duration WAIT = Duration.ofSeconds(60);


  private static void save(RunningWorker.Client c) throws Exception {
    c.send(new JsonObject().put("type", "save").put("sources", new JsonObject()));
    c.await(e -> "saved".equals(e.getString("type")), WAIT, "saved");
  }

  @Test
  void typedCodeIsKeptByTheServerWithoutAnExplicitSave() throws Exception {
    Path file = worker.notebook("typed.ipynb", "old");
    try (RunningWorker.Client c = worker.connect("typed.ipynb")) {
      c.await(e -> "snapshot".equals(e.getString("type")), WAIT, "snapshot");
      c.send(new JsonObject().put("type", "edit").put("cellId", "c1").put("source", "int typed = 1;"));
    } // the tab is closed right after typing
    KernelExecutionTest.waitFor(() -> Notebook.source(Notebook.parse(Files.readString(file)).cell("c1")).equals("int typed = 1;"),
        "the autosave wrote the edit");
  }

  @Test
  void aMessageSentBeforeTheSnapshotArrivedIsHandledNotLost() throws Exception {
    // A notebook with a large saved output takes a while to read, so the message surely arrives
    // while the server is still opening the session.
    String bigOutput = "{\"output_type\": \"stream\", \"name\": \"stdout\", \"text\": "
        + io.vertx.core.json.Json.encode("x".repeat(99) + "\n") + "}";
    Files.writeString(home.resolve("eager.ipynb"), "{\"cells\": [{\"cell_type\": \"code\", \"execution_count\": null, \"id\": \"c1\","
        + " \"metadata\": {}, \"outputs\": [" + String.join(", ", java.util.Collections.nCopies(100_000, bigOutput)) + "],"
        + " \"source\": \"6 * 7\"}], \"metadata\": {}, \"nbformat\": 4, \"nbformat_minor\": 5}\n");
    JsonObject run = new JsonObject().put("type", "execute").put("cellId", "c1").put("source", "6 * 7");
    try (RunningWorker.Client c = worker.connect("eager.ipynb", run)) {
      JsonObject finished = c.awaitFinished("c1");
      assertEquals("snapshot", c.seen.get(0).getString("type"), "the view gets the state first, then the answers");
      assertEquals("ok", finished.getString("status"));
      List<JsonObject> outputs = c.outputs("c1");
      assertEquals("42", outputs.get(outputs.size() - 1).getJsonObject("data").getString("text/plain"));
    }
  }

  @Test
  void cellsAreInsertedMovedAndDeletedAndTheFileFollows() throws Exception {
    Path file = worker.notebook("structure.ipynb", "first", "second");
    try (RunningWorker.Client c = worker.connect("structure.ipynb")) {
      c.await(e -> "snapshot".equals(e.getString("type")), WAIT, "snapshot");
      c.send(new JsonObject().put("type", "insert").put("afterId", "c1").put("cellType", "code"));
      String added = c.await(e -> "inserted".equals(e.getString("type")), WAIT, "inserted").getString("cellId");
      assertTrue(added.matches("[0-9a-f]{8}"), added);
      c.send(new JsonObject().put("type", "move").put("cellId", "c2").put("direction", -1));
      c.await(e -> "moved".equals(e.getString("type")), WAIT, "moved");
      c.send(new JsonObject().put("type", "delete").put("cellId", "c1"));
      c.await(e -> "deleted".equals(e.getString("type")), WAIT, "deleted");
      c.send(new JsonObject().put("type", "insert").put("afterId", "c2").put("cellType", "markdown"));
      String note = c.await(e -> "inserted".equals(e.getString("type")) && "markdown".equals(e.getString("cellType")), WAIT, "md").getString("cellId");
      c.send(new JsonObject().put("type", "delete").put("cellId", note));
      c.await(e -> "deleted".equals(e.getString("type")) && note.equals(e.getString("cellId")), WAIT, "md deleted");
      c.send(new JsonObject().put("type", "undelete"));
      c.await(e -> "inserted".equals(e.getString("type")) && e.getBoolean("select", false), WAIT, "restored");
      c.send(new JsonObject().put("type", "delete").put("cellId", note));
      c.await(e -> "deleted".equals(e.getString("type")) && note.equals(e.getString("cellId")), WAIT, "md deleted again");
      save(c);
    }
    // an autosave may have answered the save request first: wait for the final state
    KernelExecutionTest.waitFor(() -> Notebook.parse(Files.readString(file)).cells().size() == 2, "two cells saved");
    List<Map<String, Object>> cells = Notebook.parse(Files.readString(file)).cells();
    assertEquals(List.of("c2", cells.get(1).get("id")), cells.stream().map(x -> x.get("id")).toList());
    assertEquals("second", Notebook.source(cells.get(0)));
    assertEquals("", Notebook.source(cells.get(1)));
  }

  @Test
  void pastedCellsNeverRepeatACellIdOrAnNbgraderGradeId() throws Exception {
    String nb = "{\"cells\": [{\"cell_type\": \"code\", \"execution_count\": null, \"id\": \"answer\", \"metadata\": "
        + "{\"nbgrader\": {\"grade\": true, \"grade_id\": \"q1\", \"locked\": false, \"points\": 1, \"schema_version\": 3, \"solution\": true}},"
        + " \"outputs\": [], \"source\": [\"int answer = 0;\"]}], \"metadata\": {}, \"nbformat\": 4, \"nbformat_minor\": 5}\n";
    Path file = Files.writeString(home.resolve("paste.ipynb"), nb);
    try (RunningWorker.Client c = worker.connect("paste.ipynb")) {
      c.await(e -> "snapshot".equals(e.getString("type")), WAIT, "snapshot");
      c.send(new JsonObject().put("type", "copy").put("cellId", "answer"));
      c.send(new JsonObject().put("type", "paste").put("afterId", "answer"));
      c.await(e -> "inserted".equals(e.getString("type")), WAIT, "first paste");
      c.send(new JsonObject().put("type", "paste").put("afterId", "answer"));
      c.await(e -> "inserted".equals(e.getString("type")), WAIT, "second paste");
      c.send(new JsonObject().put("type", "cut").put("cellId", "answer"));
      String refused = c.await(e -> "error".equals(e.getString("type")), WAIT, "cut refused").getString("message");
      assertTrue(refused.contains("protected"), refused);
      save(c);
    }
    KernelExecutionTest.waitFor(() -> Notebook.parse(Files.readString(file)).cells().size() == 3, "three cells saved");
    List<Map<String, Object>> cells = Notebook.parse(Files.readString(file)).cells();
    assertEquals(3, cells.stream().map(x -> x.get("id")).distinct().count(), "cell ids are unique");
    assertEquals(List.of("q1", "q1-copy2", "q1-copy"), cells.stream()
        .map(x -> ((Map<?, ?>) ((Map<?, ?>) x.get("metadata")).get("nbgrader")).get("grade_id")).toList());
    assertEquals(List.of("int answer = 0;"), cells.stream().map(Notebook::source).distinct().toList());
  }

  @Test
  void lockedAndProtectedCellsKeepTheirSourceAndCannotBeDeleted() throws Exception {
    String nb = "{\"cells\": [{\"cell_type\": \"code\", \"execution_count\": null, \"id\": \"tests\", \"metadata\": "
        + "{\"nbgrader\": {\"grade\": true, \"grade_id\": \"t1\", \"locked\": true, \"points\": 2, \"schema_version\": 3, \"solution\": false}},"
        + " \"outputs\": [], \"source\": [\"assert answer == 42;\"]},"
        + "{\"cell_type\": \"code\", \"execution_count\": null, \"id\": \"fixed\", \"metadata\": {\"editable\": false, \"deletable\": false},"
        + " \"outputs\": [], \"source\": [\"int answer = 42;\"]}], \"metadata\": {}, \"nbformat\": 4, \"nbformat_minor\": 5}\n";
    Path file = Files.writeString(home.resolve("assignment.ipynb"), nb);
    String page = worker.get(PREFIX + "notebooks/assignment.ipynb").body();
    assertTrue(page.contains("class=\"cell locked\" data-cell-type=\"code\" data-cell-id=\"tests\""), page);
    assertTrue(page.contains("readonly"), page);
    try (RunningWorker.Client c = worker.connect("assignment.ipynb")) {
      c.await(e -> "snapshot".equals(e.getString("type")), WAIT, "snapshot");
      c.send(new JsonObject().put("type", "edit").put("cellId", "tests").put("source", "// removed the test"));
      c.send(new JsonObject().put("type", "save").put("sources", new JsonObject().put("fixed", "int answer = 0;")));
      c.send(new JsonObject().put("type", "delete").put("cellId", "tests"));
      JsonObject refused = c.await(e -> "error".equals(e.getString("type")), WAIT, "delete refused");
      assertTrue(refused.getString("message").contains("protected"), refused.getString("message"));
      c.send(new JsonObject().put("type", "delete").put("cellId", "fixed"));
      c.await(e -> "error".equals(e.getString("type")), WAIT, "second delete refused");
      save(c); // the file is written, so the check below sees what the server kept
    }
    Notebook saved = Notebook.parse(Files.readString(file));
    assertEquals(List.of("tests", "fixed"), saved.cells().stream().map(x -> x.get("id")).toList());
    assertEquals("assert answer == 42;", Notebook.source(saved.cell("tests")));
    assertEquals("int answer = 42;", Notebook.source(saved.cell("fixed")));
  }

  @Test
  void fileBrowserOperationsCreateRenameUploadAndDelete() throws Exception {
    Files.createDirectories(home.resolve("ops"));
    HttpResponse<String> created = worker.send("POST", PREFIX + "api/contents/ops", "{\"type\": \"notebook\"}");
    assertEquals(201, created.statusCode(), created.body());
    assertEquals("ops/Untitled.ipynb", new JsonObject(created.body()).getString("path"));
    assertEquals("ops/Untitled1.ipynb", new JsonObject(worker.send("POST", PREFIX + "api/contents/ops", "{}").body()).getString("path"));
    Notebook fresh = Notebook.parse(Files.readString(home.resolve("ops/Untitled.ipynb")));
    assertEquals("java", ((Map<?, ?>) ((Map<?, ?>) fresh.root().get("metadata")).get("kernelspec")).get("name"));

    assertEquals(200, worker.send("PATCH", PREFIX + "api/contents/ops/Untitled.ipynb", "{\"path\": \"ops/mass.ipynb\"}").statusCode());
    assertTrue(Files.exists(home.resolve("ops/mass.ipynb")));
    HttpResponse<String> clash = worker.send("PATCH", PREFIX + "api/contents/ops/mass.ipynb", "{\"path\": \"ops/Untitled1.ipynb\"}");
    assertEquals(409, clash.statusCode());
    assertEquals(400, worker.send("PATCH", PREFIX + "api/contents/ops/mass.ipynb", "{\"path\": \"../mass.ipynb\"}").statusCode());

    String data = java.util.Base64.getEncoder().encodeToString("Jets\tMuons\n[[1,2,3,4]]\t[]\n".getBytes());
    assertEquals(200, worker.send("PUT", PREFIX + "api/contents/ops/events.csv",
        "{\"type\": \"file\", \"format\": \"base64\", \"content\": \"" + data + "\"}").statusCode());
    assertEquals("Jets\tMuons\n[[1,2,3,4]]\t[]\n", Files.readString(home.resolve("ops/events.csv")));
    assertTrue(worker.get(PREFIX + "tree/ops").body().contains("class=\"download-link\" href=\"/user/alice/files/ops/events.csv\""));

    worker.get(PREFIX + "notebooks/ops/mass.ipynb"); // opens it with a kernel
    HttpResponse<String> busy = worker.send("DELETE", PREFIX + "api/contents/ops/mass.ipynb", null);
    assertEquals(409, busy.statusCode());
    assertTrue(busy.body().contains("open with a running kernel"), busy.body());
    assertEquals(204, worker.send("DELETE", PREFIX + "api/contents/ops/events.csv", null).statusCode());
    assertTrue(!Files.exists(home.resolve("ops/events.csv")));
    assertEquals(409, worker.send("DELETE", PREFIX + "api/contents/ops", null).statusCode(), "a non-empty directory stays");
  }

  @Test
  void revertToCheckpointRestoresTheCheckpointedNotebook() throws Exception {
    Path file = worker.notebook("checkpoint.ipynb", "int a = 1;");
    try (RunningWorker.Client c = worker.connect("checkpoint.ipynb")) {
      c.awaitIdle();
      c.send(new JsonObject().put("type", "checkpoint"));
      c.await(e -> "checkpointed".equals(e.getString("type")), WAIT, "checkpointed");
      String atCheckpoint = Files.readString(file);
      assertEquals(atCheckpoint, Files.readString(home.resolve(".ipynb_checkpoints/checkpoint-checkpoint.ipynb")));
      c.execute("c1", "System.out.println(\"later work\");");
      c.awaitFinished("c1");
      KernelExecutionTest.waitFor(() -> Files.readString(file).contains("later work"), "later work saved");
      c.send(new JsonObject().put("type", "revert"));
      c.await(e -> "reverted".equals(e.getString("type")), WAIT, "reverted");
      KernelExecutionTest.waitFor(() -> atCheckpoint.equals(Files.readString(file)), "the checkpoint is the file again");
      assertTrue(!worker.get(PREFIX).body().contains(".ipynb_checkpoints"), "checkpoints stay hidden");
    }
  }

  @Test
  void staticHtmlExportShowsOutputsAndRunsNoScriptWithoutMath() throws Exception {
    Files.writeString(home.resolve("export.ipynb"), WorkerHttpTest.fixture("outputs.ipynb"));
    HttpResponse<String> r = worker.get(PREFIX + "nbconvert/html/export.ipynb");
    assertEquals(200, r.statusCode());
    String html = r.body();
    assertTrue(html.contains("<h1>Outputs of every kind</h1>"), html);
    assertTrue(html.contains("hello\nworld\n</pre>"), html);
    assertTrue(html.contains("src=\"data:image/svg+xml;base64,"), html);
    assertTrue(html.contains("java.lang.ArithmeticException: / by zero"), html);
    assertTrue(!html.contains("\u001b["), "ANSI colours stripped");
    assertTrue(!html.toLowerCase().contains("<script"), "no math, no script");
    String policy = r.headers().firstValue("Content-Security-Policy").orElse("");
    assertTrue(policy.startsWith("default-src 'none'; script-src 'none';"), policy);
    assertTrue(r.headers().firstValue("Content-Disposition").orElse("").contains("export.html"));
  }

  @Test
  void staticHtmlExportWithMathAllowsOnlyItsOwnKatexScript() throws Exception {
    Files.writeString(home.resolve("math-export.ipynb"), "{\"cells\": [{\"cell_type\": \"markdown\", \"id\": \"m\", \"metadata\": {},"
        + " \"source\": [\"$E = mc^2$ <script>alert(1)</script>\"]}], \"metadata\": {}, \"nbformat\": 4, \"nbformat_minor\": 5}\n");
    HttpResponse<String> r = worker.get(PREFIX + "nbconvert/html/math-export.ipynb");
    String html = r.body();
    assertEquals(1, html.toLowerCase().split("<script").length - 1, "one script: KaTeX for the math (the cell's is text)");
    assertTrue(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    String script = html.substring(html.indexOf("<script>") + "<script>".length(), html.indexOf("</script>"));
    String hash = "sha256-" + java.util.Base64.getEncoder().encodeToString(
        java.security.MessageDigest.getInstance("SHA-256").digest(script.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    String policy = r.headers().firstValue("Content-Security-Policy").orElse("");
    assertTrue(policy.startsWith("default-src 'none'; script-src '" + hash + "';"), "only that script may run: " + policy);
    assertTrue(html.contains("<meta http-equiv=\"Content-Security-Policy\" content=\"" + policy.replace("'", "&#39;") + "\">"),
        "the downloaded file carries the same policy");
    assertTrue(html.contains("font/woff2;base64,"), "KaTeX's fonts are in the file");
  }

  @Test
  void readingStdinEndsAtOnceWithANotice() throws Exception {
    worker.notebook("stdin.ipynb", "");
    try (RunningWorker.Client c = worker.connect("stdin.ipynb")) {
      c.awaitIdle();
      c.execute("c1", "new java.util.Scanner(System.in).hasNextLine()");
      assertEquals("ok", c.awaitFinished("c1").getString("status"));
      List<JsonObject> outputs = c.outputs("c1");
      assertTrue(outputs.get(0).getString("text").contains("stdin is not available"), outputs.toString());
      assertEquals("false", outputs.get(outputs.size() - 1).getJsonObject("data").getString("text/plain"));
    }
  }

  @Test
  void outputsAreClearedAndTheHeapIsReported() throws Exception {
    Path file = worker.notebook("clear.ipynb", "System.out.println(\"to be cleared\");");
    try (RunningWorker.Client c = worker.connect("clear.ipynb")) {
      c.awaitIdle();
      c.send(new JsonObject().put("type", "execute").put("cellId", "c1"));
      JsonObject finished = c.awaitFinished("c1");
      JsonObject heap = finished.getJsonObject("heap");
      assertTrue(heap.getLong("used") > 0 && heap.getLong("max") >= heap.getLong("used"), heap.encode());
      c.send(new JsonObject().put("type", "clear-outputs"));
      c.await(e -> "cleared".equals(e.getString("type")) && "c1".equals(e.getString("cellId")), WAIT, "cleared");
      save(c);
    }
    KernelExecutionTest.waitFor(() -> !Files.readString(file).contains("to be cleared\\n\""), "outputs gone from the file");
    Map<String, Object> cell = Notebook.parse(Files.readString(file)).cell("c1");
    assertTrue(Notebook.outputs(cell).isEmpty() && cell.get("execution_count") == null);
  }

  @Test
  void notebookDownloadsAsItsFile() throws Exception {
    Path file = worker.notebook("download.ipynb", "1 + 1");
    HttpResponse<String> r = worker.get(PREFIX + "files/download.ipynb");
    assertEquals(200, r.statusCode());
    assertEquals(Files.readString(file), r.body());
    assertTrue(r.headers().firstValue("Content-Disposition").orElse("").contains("download.ipynb"));
    assertEquals(400, worker.get(PREFIX + "files/..%2Fetc%2Fpasswd").statusCode());
  }
}
