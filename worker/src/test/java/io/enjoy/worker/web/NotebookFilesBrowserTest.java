package io.enjoy.worker.web;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.enjoy.conf.worker.WorkerContract;
import io.enjoy.worker.notebook.Notebook;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;

/**
 * The notebook as a document and the files around it, in headless Chromium: the way back to the
 * hub, files that are not notebooks, checkpoint and revert, downloads and the static HTML export,
 * the file browser, undo of a delete, the shortcut help and the stale-cell markers.
 */
@BrowserWorkerTest.WorkerEnvironment(WorkerContract.BASE_URL + "=/base/")
class NotebookFilesBrowserTest extends BrowserWorkerTest {

  private static void keys(CharSequence... keys) {
    new Actions(browser).sendKeys(keys).perform();
  }

  @Test
  void everyWorkerPageLinksBackToTheHubControlPanel() throws Exception {
    shared.worker.notebook("hub.ipynb", "1");
    browser.get(shared.base());
    WebElement link = browser.findElement(By.id("hub-link"));
    assertEquals("Control panel", link.getText());
    assertEquals("/base/hub/home", link.getDomAttribute("href"));
    shared.openNotebook("hub.ipynb");
    assertEquals("/base/hub/home", browser.findElement(By.id("hub-link")).getDomAttribute("href"));
    assertTrue(browser.findElement(By.id("hub-link")).isDisplayed());
  }

  @Test
  void binaryFileOpenedAsANotebookGetsAClearMessageAndStaysUntouched() throws Exception {
    byte[] png = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13, (byte) 0xff, (byte) 0xfe, (byte) 0xc3, 0x28};
    Path file = Files.write(home.resolve("picture.ipynb"), png);
    browser.get(shared.base() + "notebooks/picture.ipynb");
    assertEquals("not a notebook: picture.ipynb, not valid UTF-8 text", browser.findElement(By.id("error-message")).getText());
    assertTrue(!browser.getPageSource().contains("MalformedInput"));
    assertArrayEquals(png, Files.readAllBytes(file), "the file is left as it was");
  }

  @Test
  void checkpointThenRevertBringsBackTheCheckpointedCells() throws Exception {
    Path file = shared.worker.notebook("check.ipynb", "int v = 1;");
    shared.openNotebook("check.ipynb");
    browser.findElement(By.id("checkpoint-notebook")).click();
    shared.waiting().until(d -> d.findElement(By.id("save-status")).getText().startsWith("Checkpoint saved"));
    NotebookPageBrowserTest.editorOf(cell("c1")).click();
    new Actions(browser).sendKeys(" // changed").perform();
    KernelExecutionTest.waitFor(() -> Files.readString(file).contains("// changed"), "the edit is autosaved");
    browser.findElement(By.id("revert-notebook")).click();
    browser.switchTo().alert().accept();
    shared.waiting().until(d -> "int v = 1;".equals(cell("c1").findElement(By.cssSelector("textarea.cell-source")).getDomProperty("value")));
    KernelExecutionTest.waitFor(() -> "int v = 1;".equals(Notebook.source(Notebook.parse(Files.readString(file)).cell("c1"))),
        "the file holds the checkpoint again");
  }

  @Test
  void notebookDownloadsAsItsFileByteForByte() throws Exception {
    Path file = shared.worker.notebook("fetch me.ipynb", "int downloaded = 1;");
    shared.openNotebook("fetch%20me.ipynb");
    browser.findElement(By.id("download-notebook")).click();
    assertArrayEquals(Files.readAllBytes(file), Files.readAllBytes(shared.downloaded("fetch me.ipynb")));
  }

  @Test
  void staticHtmlExportShowsTypesetMathAndRunsNoScriptFromTheNotebook() throws Exception {
    Files.writeString(home.resolve("export.ipynb"), "{\"cells\": ["
        + "{\"cell_type\": \"markdown\", \"id\": \"m\", \"metadata\": {}, \"source\": [\"Mass $m_t = 172.5$ GeV and\\n\", \"\\n\","
        + " \"$$E^2 = p^2 + m^2$$\\n\", \"\\n\", \"<img src=x onerror=\\\"document.title='pwned'\\\">\"]},"
        + "{\"cell_type\": \"code\", \"execution_count\": 1, \"id\": \"c\", \"metadata\": {}, \"outputs\": [{\"output_type\": \"display_data\","
        + " \"metadata\": {}, \"data\": {\"text/html\": [\"<b>table</b><script>parent.document.title='pwned'</script>\"], \"text/plain\": [\"t\"]}}],"
        + " \"source\": [\"display(t)\"]}"
        + "], \"metadata\": {}, \"nbformat\": 4, \"nbformat_minor\": 5}\n");
    shared.openNotebook("export.ipynb");
    browser.findElement(By.id("export-html")).click();
    Path html = shared.downloaded("export.html");
    browser.get(html.toUri().toString());
    shared.waiting().until(d -> d.findElements(By.cssSelector(".katex")).size() >= 2);
    assertEquals(1, browser.findElements(By.cssSelector(".katex-display")).size());
    assertTrue(browser.findElements(By.cssSelector(".katex-error")).isEmpty());
    assertTrue(!browser.findElement(By.cssSelector(".markdown-rendered")).getText().contains("$"), "no TeX left visible");
    @SuppressWarnings("unchecked")
    List<String> loaded = (List<String>) browser.executeAsyncScript("const done = arguments[0];"
        + "document.fonts.ready.then(() => done([...document.fonts].filter(f => f.status === 'loaded').map(f => f.family)));");
    assertTrue(loaded.stream().anyMatch(f -> f.contains("KaTeX_Main")), "KaTeX's fonts come with the file: " + loaded);
    assertTrue(!"pwned".equals(browser.getTitle()), "no script from the notebook ran");
  }

  @Test
  void fileBrowserRenamesDownloadsAndDeletesAFile() throws Exception {
    Path dir = Files.createDirectories(home.resolve("data"));
    Path csv = Files.writeString(dir.resolve("events.csv"), "Jets\tMuons\n4\t1\n");
    browser.get(shared.base() + "tree/data");
    browser.findElement(By.cssSelector("button.rename-entry[data-path='data/events.csv']")).click();
    browser.switchTo().alert().sendKeys("data/ttbar.csv");
    browser.switchTo().alert().accept();
    shared.waiting().until(d -> !d.findElements(By.cssSelector("a.download-link[href$='files/data/ttbar.csv']")).isEmpty());
    assertTrue(!Files.exists(csv) && Files.exists(dir.resolve("ttbar.csv")));

    browser.findElement(By.cssSelector("a.download-link[href$='files/data/ttbar.csv']")).click();
    assertEquals("Jets\tMuons\n4\t1\n", Files.readString(shared.downloaded("ttbar.csv")));

    browser.findElement(By.cssSelector("button.delete-entry[data-path='data/ttbar.csv']")).click();
    browser.switchTo().alert().accept();
    shared.waiting().until(d -> d.findElements(By.cssSelector("a.download-link")).isEmpty());
    assertTrue(!Files.exists(dir.resolve("ttbar.csv")));
  }

  @Test
  void deletedCellComesBackWithZWithItsOutputAndSelected() throws Exception {
    Path file = shared.worker.notebook("undo.ipynb", "int first = 1;", "first + 41");
    shared.openNotebook("undo.ipynb");
    browser.findElement(By.id("run-all")).click();
    shared.waiting().until(d -> cell("c2").findElement(By.cssSelector("div.cell-output")).getText().equals("42"));
    cell("c2").findElement(By.cssSelector(".prompt")).click();
    keys("dd");
    shared.waiting().until(d -> d.findElements(By.cssSelector("div.cell")).size() == 1);
    keys("z");
    shared.waiting().until(d -> d.findElements(By.cssSelector("div.cell")).size() == 2);
    assertEquals("first + 41", cell("c2").findElement(By.cssSelector("textarea.cell-source")).getDomProperty("value"));
    assertEquals("42", cell("c2").findElement(By.cssSelector("div.cell-output")).getText(), "the restored cell keeps its output");
    assertEquals("[2]:", cell("c2").findElement(By.cssSelector(".prompt")).getText().trim());
    assertTrue(cell("c2").getDomAttribute("class").contains("selected"), "the restored cell is selected");
    KernelExecutionTest.waitFor(() -> Notebook.parse(Files.readString(file)).cells().size() == 2, "both cells saved");
  }

  @Test
  void hShowsTheKeyboardShortcuts() throws Exception {
    shared.worker.notebook("help.ipynb", "1");
    shared.openNotebook("help.ipynb");
    WebElement help = browser.findElement(By.id("shortcut-help"));
    assertTrue(!help.isDisplayed());
    cell("c1").findElement(By.cssSelector(".prompt")).click();
    keys("h");
    shared.waiting().until(d -> help.isDisplayed());
    assertTrue(help.getText().contains("Shift-Enter") && help.getText().contains("D,D delete"), help.getText());
    keys("h");
    shared.waiting().until(d -> !help.isDisplayed());
  }

  @Test
  void cellsThatRanBeforeACellAboveOrWereEditedSinceAreMarked() throws Exception {
    shared.worker.notebook("stale.ipynb", "int x = 1;", "x + 1");
    shared.openNotebook("stale.ipynb");
    cell("c1").findElement(By.cssSelector("button.run-cell")).click();
    shared.waiting().until(d -> prompt("c1").equals("[1]:"));
    cell("c2").findElement(By.cssSelector("button.run-cell")).click();
    shared.waiting().until(d -> prompt("c2").equals("[2]:"));
    assertTrue(!cell("c2").getDomAttribute("class").contains("out-of-order"));
    cell("c1").findElement(By.cssSelector("button.run-cell")).click();
    shared.waiting().until(d -> prompt("c1").equals("[3]:"));
    assertTrue(cell("c2").getDomAttribute("class").contains("out-of-order"), "c2 last ran before the cell above it");
    assertEquals("\" ↑ ran before a cell above\"", afterPrompt(cell("c2")));

    NotebookPageBrowserTest.editorOf(cell("c1")).click();
    keys(" // edited");
    shared.waiting().until(d -> cell("c1").getDomAttribute("class").contains("stale"));
    assertEquals("\" (edited)\"", afterPrompt(cell("c1")));
  }

  /** The marker drawn after a cell's prompt (CSS ::after content). */
  private static String afterPrompt(WebElement cell) {
    return (String) browser.executeScript("return getComputedStyle(arguments[0].querySelector('.prompt'), '::after').content", cell);
  }
}
