package io.enjoy.worker.web;

import static io.enjoy.worker.web.RunningWorker.PREFIX;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.enjoy.worker.notebook.Notebook;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The notebook page in headless Chromium, reached through a secret-adding proxy as the gateway
 * does ({@link BrowserWorker}).
 */
class NotebookPageBrowserTest extends BrowserWorkerTest {

  /** The CodeMirror editing surface of a code cell (its textarea stays behind it as the source of truth). */
  static WebElement editorOf(WebElement cell) {
    return cell.findElement(By.cssSelector(".cm-editor .cm-content"));
  }

  private String base() {
    return shared.base();
  }

  @Test
  void studentOpensANotebookRunsCellsWithShiftEnterAndSaves() throws Exception {
    Path file = Files.writeString(home.resolve("page.ipynb"), "{\"cells\": ["
        + "{\"cell_type\": \"markdown\", \"id\": \"intro\", \"metadata\": {}, \"source\": [\"# Invariant *mass*\"]},"
        + "{\"cell_type\": \"code\", \"execution_count\": null, \"id\": \"a\", \"metadata\": {}, \"outputs\": [], \"source\": [\"int n = 5;\"]},"
        + "{\"cell_type\": \"code\", \"execution_count\": null, \"id\": \"b\", \"metadata\": {}, \"outputs\": [], \"source\": []},"
        + "{\"cell_type\": \"raw\", \"id\": \"r\", \"metadata\": {}, \"source\": [\"raw text\"]}"
        + "], \"metadata\": {}, \"nbformat\": 4, \"nbformat_minor\": 5}\n");
    WebDriverWait wait = shared.waiting();
    browser.get(base());
    browser.findElement(By.cssSelector("a.file-link[href='" + PREFIX + "notebooks/page.ipynb']")).click();
    wait.until(d -> "idle".equals(d.findElement(By.id("kernel-status")).getText().trim()));
    assertEquals("Invariant mass", browser.findElement(By.cssSelector("div.cell[data-cell-type=markdown] h1")).getText());
    assertEquals("raw text", browser.findElement(By.cssSelector("div.cell[data-cell-type=raw]")).getText());

    List<WebElement> cells = browser.findElements(By.cssSelector("div.cell[data-cell-type=code]"));
    cells.get(0).findElement(By.cssSelector("textarea.cell-source")).sendKeys(Keys.chord(Keys.SHIFT, Keys.ENTER));
    WebElement second = editorOf(cells.get(1));
    wait.until(d -> second.equals(d.switchTo().activeElement()));
    second.sendKeys("System.out.println(\"n squared is \" + n * n);");
    cells.get(1).findElement(By.cssSelector("button.run-cell")).click();
    wait.until(d -> cells.get(1).findElement(By.cssSelector("div.cell-output")).getText().contains("n squared is 25"));

    browser.findElement(By.id("save-notebook")).click();
    wait.until(d -> d.findElement(By.id("save-status")).getText().startsWith("Saved"));
    Notebook saved = Notebook.parse(Files.readString(file));
    assertEquals("System.out.println(\"n squared is \" + n * n);", Notebook.source(saved.cell("b")));
    assertTrue(Files.readString(file).contains("n squared is 25\\n"));
  }

  @Test
  void altEnterAndShiftEnterAtTheEndAddCellsLikeJupyter() throws Exception {
    Path file = Files.writeString(home.resolve("keys.ipynb"), "{\"cells\": ["
        + "{\"cell_type\": \"code\", \"execution_count\": null, \"id\": \"k\", \"metadata\": {}, \"outputs\": [], \"source\": [\"1 + 1\"]}"
        + "], \"metadata\": {}, \"nbformat\": 4, \"nbformat_minor\": 5}\n");
    WebDriverWait wait = shared.waiting();
    browser.get(base() + "notebooks/keys.ipynb");
    wait.until(d -> "idle".equals(d.findElement(By.id("kernel-status")).getText().trim()));
    browser.findElement(By.cssSelector("textarea.cell-source")).sendKeys(Keys.chord(Keys.ALT, Keys.ENTER));
    wait.until(d -> d.findElements(By.cssSelector("div.cell[data-cell-type=code]")).size() == 2);
    WebElement added = editorOf(browser.findElements(By.cssSelector("div.cell[data-cell-type=code]")).get(1));
    wait.until(d -> added.equals(d.switchTo().activeElement()));
    added.sendKeys("3 * 3");
    added.sendKeys(Keys.chord(Keys.SHIFT, Keys.ENTER));
    wait.until(d -> d.findElements(By.cssSelector("div.cell[data-cell-type=code]")).size() == 3);
    List<WebElement> outputs = browser.findElements(By.cssSelector("div.cell-output"));
    wait.until(d -> outputs.get(0).getText().equals("2") && outputs.get(1).getText().equals("9"));
    KernelExecutionTest.waitFor(() -> Notebook.parse(Files.readString(file)).cells().size() == 3, "three cells saved");
  }

  @Test
  void fileBrowserMakesANewNotebookAndUploadsAFile(@TempDir Path upload) throws Exception {
    Path sub = Files.createDirectories(home.resolve("course"));
    WebDriverWait wait = shared.waiting();
    browser.get(base() + "tree/course");
    Path data = Files.writeString(upload.resolve("ttbar.csv"), "Jets\tmissing E\tMuons\tJets bTag\n");
    browser.findElement(By.id("upload-file")).sendKeys(data.toString());
    wait.until(d -> !d.findElements(By.cssSelector("a.download-link[href='" + PREFIX + "files/course/ttbar.csv']")).isEmpty());
    assertEquals(Files.readString(data), Files.readString(sub.resolve("ttbar.csv")));
    browser.findElement(By.id("new-notebook")).click();
    wait.until(d -> d.getCurrentUrl().endsWith(PREFIX + "notebooks/course/Untitled.ipynb"));
    wait.until(d -> "idle".equals(d.findElement(By.id("kernel-status")).getText().trim()));
    assertTrue(Files.exists(sub.resolve("Untitled.ipynb")));
  }

  @Test
  void tabCompletesFromTheKernel() throws Exception {
    Files.writeString(home.resolve("tab.ipynb"), "{\"cells\": ["
        + "{\"cell_type\": \"code\", \"execution_count\": null, \"id\": \"t\", \"metadata\": {}, \"outputs\": [], \"source\": []}"
        + "], \"metadata\": {}, \"nbformat\": 4, \"nbformat_minor\": 5}\n");
    WebDriverWait wait = shared.waiting();
    browser.get(base() + "notebooks/tab.ipynb");
    wait.until(d -> "idle".equals(d.findElement(By.id("kernel-status")).getText().trim()));
    WebElement ta = browser.findElement(By.cssSelector("textarea.cell-source"));
    ta.sendKeys("Math.sqr");
    ta.sendKeys(Keys.TAB);
    wait.until(d -> ta.getDomProperty("value").equals("Math.sqrt("));
  }

  @Test
  void commandModeKeysInsertDeleteAndRestartAndRunAll() throws Exception {
    Path file = Files.writeString(home.resolve("command.ipynb"), "{\"cells\": ["
        + "{\"cell_type\": \"code\", \"execution_count\": null, \"id\": \"one\", \"metadata\": {}, \"outputs\": [], \"source\": [\"int base = 20;\"]},"
        + "{\"cell_type\": \"code\", \"execution_count\": null, \"id\": \"two\", \"metadata\": {}, \"outputs\": [], \"source\": [\"base + 1\"]}"
        + "], \"metadata\": {}, \"nbformat\": 4, \"nbformat_minor\": 5}\n");
    WebDriverWait wait = shared.waiting();
    browser.get(base() + "notebooks/command.ipynb");
    wait.until(d -> "idle".equals(d.findElement(By.id("kernel-status")).getText().trim()));
    WebElement first = browser.findElement(By.cssSelector("div.cell[data-cell-id=one] textarea.cell-source"));
    first.click();
    first.sendKeys(Keys.ESCAPE);
    new org.openqa.selenium.interactions.Actions(browser).sendKeys("b").perform();
    wait.until(d -> d.findElements(By.cssSelector("div.cell[data-cell-type=code]")).size() == 3);
    WebElement added = editorOf(browser.findElements(By.cssSelector("div.cell[data-cell-type=code]")).get(1));
    wait.until(d -> added.equals(d.switchTo().activeElement()));
    added.sendKeys(Keys.ESCAPE);
    new org.openqa.selenium.interactions.Actions(browser).sendKeys("dd").perform();
    wait.until(d -> d.findElements(By.cssSelector("div.cell[data-cell-type=code]")).size() == 2);
    browser.findElement(By.id("restart-run-all")).click();
    BrowserWorkerTest.confirmRestart();
    wait.until(d -> d.findElement(By.cssSelector("div.cell[data-cell-id=two] div.cell-output")).getText().equals("21"));
    assertEquals("[1]:", browser.findElement(By.cssSelector("div.cell[data-cell-id=one] .prompt")).getText().trim());
    KernelExecutionTest.waitFor(() -> Notebook.parse(Files.readString(file)).cells().size() == 2
        && Files.readString(file).contains("\"21\""), "saved with two cells and the result");
  }

  @Test
  void typedCodeSurvivesClosingTheTabLockedCellsStayAndConflictsAreShown() throws Exception {
    Path file = Files.writeString(home.resolve("care.ipynb"), "{\"cells\": ["
        + "{\"cell_type\": \"code\", \"execution_count\": null, \"id\": \"given\", \"metadata\": {\"editable\": false}, \"outputs\": [], \"source\": [\"int given = 1;\"]},"
        + "{\"cell_type\": \"code\", \"execution_count\": null, \"id\": \"mine\", \"metadata\": {}, \"outputs\": [], \"source\": []}"
        + "], \"metadata\": {}, \"nbformat\": 4, \"nbformat_minor\": 5}\n");
    WebDriverWait wait = shared.waiting();
    browser.get(base() + "notebooks/care.ipynb");
    wait.until(d -> "idle".equals(d.findElement(By.id("kernel-status")).getText().trim()));
    WebElement locked = browser.findElement(By.cssSelector("div.cell[data-cell-id=given] textarea.cell-source"));
    locked.sendKeys("tampered");
    assertEquals("int given = 1;", locked.getDomProperty("value"), "a locked cell cannot be edited");
    browser.findElement(By.cssSelector("div.cell[data-cell-id=mine] textarea.cell-source")).sendKeys("double answer = 42;");
    Thread.sleep(1500); // the page sends the edit after a short pause
    browser.get(base()); // the tab leaves the notebook without saving
    KernelExecutionTest.waitFor(() -> Notebook.source(Notebook.parse(Files.readString(file)).cell("mine")).equals("double answer = 42;"),
        "the typed code is saved by the server");

    browser.get(base() + "notebooks/care.ipynb");
    wait.until(d -> "idle".equals(d.findElement(By.id("kernel-status")).getText().trim()));
    String external = Files.readString(file).replace("double answer = 42;", "double answer = 43;");
    Files.writeString(file, external);
    browser.findElement(By.id("save-notebook")).click();
    wait.until(d -> d.findElement(By.id("save-status")).getText().contains("changed on disk"));
    assertEquals(external, Files.readString(file), "the other version is not overwritten");
    browser.findElement(By.id("load-disk-version")).click();
    wait.until(d -> "double answer = 43;".equals(
        d.findElement(By.cssSelector("div.cell[data-cell-id=mine] textarea.cell-source")).getDomProperty("value")));
  }

  @Test
  void markdownIsEditedAndRenderedAndCellTypesChangeWithMAndY() throws Exception {
    Path file = Files.writeString(home.resolve("md-edit.ipynb"), "{\"cells\": ["
        + "{\"cell_type\": \"markdown\", \"id\": \"text\", \"metadata\": {}, \"source\": [\"# Old title\"]},"
        + "{\"cell_type\": \"code\", \"execution_count\": null, \"id\": \"code\", \"metadata\": {}, \"outputs\": [], \"source\": [\"Some *notes*\"]}"
        + "], \"metadata\": {}, \"nbformat\": 4, \"nbformat_minor\": 5}\n");
    WebDriverWait wait = shared.waiting();
    browser.get(base() + "notebooks/md-edit.ipynb");
    wait.until(d -> "idle".equals(d.findElement(By.id("kernel-status")).getText().trim()));
    new org.openqa.selenium.interactions.Actions(browser)
        .doubleClick(browser.findElement(By.cssSelector("div.cell[data-cell-id=text] .markdown-rendered"))).perform();
    WebElement source = browser.findElement(By.cssSelector("div.cell[data-cell-id=text] textarea.text-source"));
    wait.until(d -> source.isDisplayed());
    source.clear();
    source.sendKeys("## New <b>title</b>");
    source.sendKeys(Keys.chord(Keys.SHIFT, Keys.ENTER));
    wait.until(d -> !d.findElements(By.cssSelector("div.cell[data-cell-id=text] h2")).isEmpty());
    assertEquals("New <b>title</b>", browser.findElement(By.cssSelector("div.cell[data-cell-id=text] h2")).getText());

    WebElement code = browser.findElement(By.cssSelector("div.cell[data-cell-id=code] textarea.cell-source"));
    code.click();
    code.sendKeys(Keys.ESCAPE);
    new org.openqa.selenium.interactions.Actions(browser).sendKeys("m").perform();
    wait.until(d -> "markdown".equals(d.findElement(By.cssSelector("div.cell[data-cell-id=code]")).getDomAttribute("data-cell-type")));
    assertEquals("notes", browser.findElement(By.cssSelector("div.cell[data-cell-id=code] em")).getText());
    browser.findElement(By.id("save-notebook")).click();
    wait.until(d -> d.findElement(By.id("save-status")).getText().startsWith("Saved"));
    Notebook saved = Notebook.parse(Files.readString(file));
    assertEquals("## New <b>title</b>", Notebook.source(saved.cell("text")));
    assertEquals("markdown", Notebook.type(saved.cell("code")));
    assertTrue(!saved.cell("code").containsKey("outputs"));
  }

  @Test
  void endlessLoopIsInterruptedFromThePage() throws Exception {
    Files.writeString(home.resolve("loop.ipynb"), "{\"cells\": ["
        + "{\"cell_type\": \"code\", \"execution_count\": null, \"id\": \"l\", \"metadata\": {}, \"outputs\": [], \"source\": [\"while (true) {}\"]}"
        + "], \"metadata\": {}, \"nbformat\": 4, \"nbformat_minor\": 5}\n");
    WebDriverWait wait = shared.waiting();
    browser.get(base() + "notebooks/loop.ipynb");
    wait.until(d -> "idle".equals(d.findElement(By.id("kernel-status")).getText().trim()));
    browser.findElement(By.cssSelector("button.run-cell")).click();
    wait.until(d -> "busy".equals(d.findElement(By.id("kernel-status")).getText().trim()));
    browser.findElement(By.id("interrupt-kernel")).click();
    wait.until(d -> "idle".equals(d.findElement(By.id("kernel-status")).getText().trim()));
    String output = browser.findElement(By.cssSelector("div.cell-output")).getText();
    assertTrue(output.contains("Interrupted"), output);
  }

  @Test
  void codeCellEditorHighlightsJavaAndShiftEnterInItRunsTheCell() throws Exception {
    Files.writeString(home.resolve("editor.ipynb"), "{\"cells\": ["
        + "{\"cell_type\": \"code\", \"execution_count\": null, \"id\": \"e\", \"metadata\": {}, \"outputs\": [], \"source\": [\"int answer = 6 * 7;\"]}"
        + "], \"metadata\": {}, \"nbformat\": 4, \"nbformat_minor\": 5}\n");
    WebDriverWait wait = shared.waiting();
    browser.get(base() + "notebooks/editor.ipynb");
    wait.until(d -> "idle".equals(d.findElement(By.id("kernel-status")).getText().trim()));
    WebElement content = browser.findElement(By.cssSelector("div.cell[data-cell-id=e] .cm-editor .cm-content"));
    WebElement keyword = content.findElement(By.xpath(".//span[text()='int']"));
    WebElement line = content.findElement(By.cssSelector(".cm-line"));
    assertTrue(!keyword.getCssValue("color").equals(line.getCssValue("color")),
        "the keyword 'int' is coloured unlike plain text: " + keyword.getCssValue("color"));

    content.click();
    new org.openqa.selenium.interactions.Actions(browser).keyDown(Keys.CONTROL).sendKeys(Keys.END).keyUp(Keys.CONTROL)
        .sendKeys(Keys.ENTER).sendKeys("System.out.println(\"answer=\" + answer);")
        .keyDown(Keys.SHIFT).sendKeys(Keys.ENTER).keyUp(Keys.SHIFT).perform();
    wait.until(d -> d.findElement(By.cssSelector("div.cell[data-cell-id=e] div.cell-output")).getText().contains("answer=42"));
    assertEquals("int answer = 6 * 7;\nSystem.out.println(\"answer=\" + answer);",
        browser.findElement(By.cssSelector("div.cell[data-cell-id=e] textarea.cell-source")).getDomProperty("value"),
        "the textarea the page saves from follows the editor");
  }

  @Test
  void mathInMarkdownIsTypesetByKatexAndSubscriptsAreNotEmphasis() throws Exception {
    Files.writeString(home.resolve("math.ipynb"), "{\"cells\": ["
        + "{\"cell_type\": \"markdown\", \"id\": \"m\", \"metadata\": {}, \"source\": ["
        + "\"Energy $E = mc^2$ and indices $A_i, A_{i+1}$.\\n\", \"\\n\", \"$$\\\\int_0^1 x\\\\,dx$$\"]}"
        + "], \"metadata\": {}, \"nbformat\": 4, \"nbformat_minor\": 5}\n");
    WebDriverWait wait = shared.waiting();
    browser.get(base() + "notebooks/math.ipynb");
    wait.until(d -> d.findElements(By.cssSelector("div.cell[data-cell-id=m] .katex")).size() >= 3);
    assertEquals(1, browser.findElements(By.cssSelector("div.cell[data-cell-id=m] .katex-display")).size(), "$$…$$ is display math");
    assertTrue(browser.findElements(By.cssSelector("div.cell[data-cell-id=m] em")).isEmpty(), "A_i, A_{i+1} is not emphasis");
    assertTrue(browser.findElements(By.cssSelector("div.cell[data-cell-id=m] .katex-error")).isEmpty(), "KaTeX parsed all three");
    String shown = browser.findElement(By.cssSelector("div.cell[data-cell-id=m] .markdown-rendered")).getText();
    assertTrue(!shown.contains("$"), "no TeX delimiters left visible: " + shown);
  }

  @Test
  void copiedAndPastedCellGetsNewIdAndGradeId() throws Exception {
    Path file = Files.writeString(home.resolve("copy.ipynb"), "{\"cells\": ["
        + "{\"cell_type\": \"code\", \"execution_count\": null, \"id\": \"q1cell\", \"metadata\": {\"nbgrader\": {\"grade\": true,"
        + " \"grade_id\": \"q1\", \"locked\": false, \"points\": 1, \"schema_version\": 3, \"solution\": true}}, \"outputs\": [],"
        + " \"source\": [\"int x = 1;\"]}"
        + "], \"metadata\": {}, \"nbformat\": 4, \"nbformat_minor\": 5}\n");
    WebDriverWait wait = shared.waiting();
    browser.get(base() + "notebooks/copy.ipynb");
    wait.until(d -> "idle".equals(d.findElement(By.id("kernel-status")).getText().trim()));
    browser.findElement(By.cssSelector("div.cell[data-cell-id=q1cell] .prompt")).click();
    new org.openqa.selenium.interactions.Actions(browser).sendKeys("c").sendKeys("v").perform();
    wait.until(d -> d.findElements(By.cssSelector("div.cell[data-cell-type=code]")).size() == 2);
    browser.findElement(By.id("save-notebook")).click();
    wait.until(d -> d.findElement(By.id("save-status")).getText().startsWith("Saved"));
    Notebook saved = Notebook.parse(Files.readString(file));
    assertEquals(2, saved.cells().size());
    Object secondId = saved.cells().get(1).get("id");
    assertTrue(!"q1cell".equals(secondId), "the pasted cell has its own id: " + secondId);
    assertEquals("int x = 1;", Notebook.source(saved.cells().get(1)));
    java.util.Map<?, ?> nbgrader = (java.util.Map<?, ?>) ((java.util.Map<?, ?>) saved.cells().get(1).get("metadata")).get("nbgrader");
    assertEquals("q1-copy", nbgrader.get("grade_id"));
  }

  @Test
  void editorIndentsAfterABraceMatchesBracketsAndTogglesComments() throws Exception {
    Files.writeString(home.resolve("indent.ipynb"), "{\"cells\": ["
        + "{\"cell_type\": \"code\", \"execution_count\": null, \"id\": \"i\", \"metadata\": {}, \"outputs\": [], \"source\": []}"
        + "], \"metadata\": {}, \"nbformat\": 4, \"nbformat_minor\": 5}\n");
    WebDriverWait wait = shared.waiting();
    browser.get(base() + "notebooks/indent.ipynb");
    wait.until(d -> "idle".equals(d.findElement(By.id("kernel-status")).getText().trim()));
    WebElement cell = browser.findElement(By.cssSelector("div.cell[data-cell-id=i]"));
    editorOf(cell).click();
    new org.openqa.selenium.interactions.Actions(browser).sendKeys("if (true) {").sendKeys(Keys.ENTER).sendKeys("run();")
        .keyDown(Keys.CONTROL).sendKeys("/").keyUp(Keys.CONTROL).perform();
    WebElement source = cell.findElement(By.cssSelector("textarea.cell-source"));
    wait.withMessage(() -> "source is " + source.getDomProperty("value"))
        .until(d -> "if (true) {\n    // run();".equals(source.getDomProperty("value")));
    new org.openqa.selenium.interactions.Actions(browser).sendKeys(Keys.END).sendKeys(Keys.ENTER).sendKeys("}").perform();
    wait.withMessage(() -> "source is " + source.getDomProperty("value"))
        .until(d -> "if (true) {\n    // run();\n}".equals(source.getDomProperty("value"))); // "}" went back out
    assertEquals(2, cell.findElements(By.cssSelector(".cm-matchingBracket")).size(), "the braces are shown as a pair");
  }
}
