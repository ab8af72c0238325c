package io.enjoy.worker.notebook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class NotebookRoundTripTest {

  static String fixture(String name) throws Exception {
    try (var in = NotebookRoundTripTest.class.getResourceAsStream("/notebooks/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"outputs.ipynb", "attachments-raw.ipynb", "widgets-unicode.ipynb"})
  void notebookWrittenByJupyterIsRewrittenByteForByte(String name) throws Exception {
    String original = fixture(name);
    assertEquals(original, Notebook.parse(original).toFileText());
  }

  @Test
  void oldNotebookWithoutIdsGetsIdsAndMinorFiveAndStaysValid(@TempDir Path dir) throws Exception {
    Notebook nb = Notebook.parse(fixture("v44-no-ids.ipynb"));
    String saved = nb.toFileText();
    assertTrue(saved.contains("\"nbformat_minor\": 5"));
    Map<String, Object> reread = Notebook.parse(saved).cells().get(0);
    assertTrue(((String) reread.get("id")).matches("[0-9a-f]{8}"));
    assumeTrue(PythonNbformat.available(), "python3-nbformat is not installed");
    Path file = Files.writeString(dir.resolve("old.ipynb"), saved);
    assertNull(PythonNbformat.validate(file));
  }

  @Test
  void editedNotebookWithNewOutputsPassesJupyterValidation(@TempDir Path dir) throws Exception {
    Notebook nb = Notebook.parse(fixture("outputs.ipynb"));
    Map<String, Object> cell = nb.cells().get(1);
    Notebook.setSource(cell, "int a = 1;\nSystem.out.println(a);\n\u00e9");
    Notebook.outputs(cell).clear();
    Notebook.addOutput(cell, stream("stdout", "1\n"));
    Notebook.addOutput(cell, stream("stdout", "more\nlines"));
    Notebook.setExecutionCount(cell, 9);
    Path file = Files.writeString(dir.resolve("edited.ipynb"), nb.toFileText());
    String text = Files.readString(file);
    assertTrue(text.contains("\"1\\n\",\n      \"more\\n\",\n      \"lines\""), "merged stream split per line: " + text);
    assumeTrue(PythonNbformat.available(), "python3-nbformat is not installed");
    assertNull(PythonNbformat.validate(file));
  }

  @Test
  void unchangedSourceKeepsItsOriginalLineSplit() throws Exception {
    Notebook nb = Notebook.parse(fixture("outputs.ipynb"));
    Map<String, Object> cell = nb.cells().get(1);
    Object before = cell.get("source");
    assertEquals(false, Notebook.setSource(cell, Notebook.source(cell)));
    assertTrue(before == cell.get("source"));
  }

  @Test
  void nonNotebookFilesAreRefusedWithTheReason() {
    assertTrue(assertThrows(NotebookFormatException.class, () -> Notebook.parse("{\"cells\": [")).getMessage()
        .contains("invalid JSON at line 1"));
    assertTrue(assertThrows(NotebookFormatException.class, () -> Notebook.parse("[1, 2]")).getMessage()
        .contains("not an object"));
    assertTrue(assertThrows(NotebookFormatException.class,
        () -> Notebook.parse("{\"nbformat\": 3, \"worksheets\": []}")).getMessage().contains("nbformat 3"));
    assertTrue(assertThrows(NotebookFormatException.class,
        () -> Notebook.parse("{\"nbformat\": 4, \"nbformat_minor\": 5}")).getMessage().contains("'cells'"));
  }

  @Test
  void duplicateCellIdsAreRepaired() throws Exception {
    String text = "{\"cells\": [{\"cell_type\": \"raw\", \"id\": \"a\", \"metadata\": {}, \"source\": \"\"},"
        + "{\"cell_type\": \"raw\", \"id\": \"a\", \"metadata\": {}, \"source\": \"\"}],"
        + "\"metadata\": {}, \"nbformat\": 4, \"nbformat_minor\": 5}";
    Notebook nb = Notebook.parse(text);
    assertEquals("a", nb.cells().get(0).get("id"));
    assertTrue(!"a".equals(nb.cells().get(1).get("id")));
  }

  @Test
  void pythonSplitlinesSemantics() {
    assertEquals(java.util.List.of("a\r\n", "b\r", "c\u2028", "d"), PythonLines.splitKeepEnds("a\r\nb\rc\u2028d"));
    assertEquals(java.util.List.of(), PythonLines.splitKeepEnds(""));
  }

  private static Map<String, Object> stream(String name, String text) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("output_type", "stream");
    m.put("name", name);
    m.put("text", text);
    return m;
  }
}
