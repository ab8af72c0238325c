package io.enjoy.worker.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.enjoy.worker.notebook.Notebook;
import io.enjoy.worker.notebook.PythonNbformat;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The course's exercise notebook (shipped in the analysis jar) runs top to bottom in the worker. */
@ExtendWith(VertxExtension.class)
class ExerciseNotebookTest {

  @Test
  void exerciseNotebookRunsTopToBottomWithPlotsInline(Vertx vertx, @TempDir Path home) throws Exception {
    try (InputStream in = getClass().getResourceAsStream("/notebooks/topmass.ipynb")) {
      org.junit.jupiter.api.Assumptions.assumeTrue(in != null, "the analysis jar ships no exercise notebook yet");
      Files.copy(in, home.resolve("topmass.ipynb"));
    }
    Path file = home.resolve("topmass.ipynb");
    List<String> codeCells = Notebook.parse(Files.readString(file)).cells().stream()
        .filter(c -> "code".equals(Notebook.type(c))).map(c -> (String) c.get("id")).toList();
    try (RunningWorker worker = new RunningWorker(vertx, home);
        RunningWorker.Client c = worker.connect("topmass.ipynb")) {
      c.awaitIdle();
      for (String id : codeCells) {
        c.send(new JsonObject().put("type", "execute").put("cellId", id)); // run as saved, like "Run all"
      }
      for (String id : codeCells) {
        JsonObject done = c.await(e -> "finished".equals(e.getString("type")) && id.equals(e.getString("cellId")),
            Duration.ofMinutes(5), "cell " + id);
        assertEquals("ok", done.getString("status"), "cell " + id + ": " + c.outputs(id));
      }
      assertTrue(c.seen.stream().filter(e -> "output".equals(e.getString("type")))
          .anyMatch(e -> e.getJsonObject("output").getJsonObject("data", new JsonObject()).containsKey("image/svg+xml")),
          "at least one plot is shown inline");
      c.send(new JsonObject().put("type", "save").put("sources", new JsonObject()));
      c.await(e -> "saved".equals(e.getString("type")), Duration.ofSeconds(30), "saved");
    }
    Notebook saved = Notebook.parse(Files.readString(file));
    for (String id : codeCells) {
      Map<String, Object> cell = saved.cell(id);
      assertTrue(cell.get("execution_count") != null, "cell " + id + " has a count");
    }
    if (PythonNbformat.available()) {
      assertEquals(null, PythonNbformat.validate(file));
    }
  }
}
