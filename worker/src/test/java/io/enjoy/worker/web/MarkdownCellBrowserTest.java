package io.enjoy.worker.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.enjoy.worker.notebook.Notebook;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;

/** Markdown and raw cells in headless Chromium: editing, live rendering, changing cell types. */
class MarkdownCellBrowserTest extends BrowserWorkerTest {

  private static Path notebook(String name, String cellsJson) throws Exception {
    return Files.writeString(home.resolve(name), "{\"cells\": [" + cellsJson
        + "], \"metadata\": {}, \"nbformat\": 4, \"nbformat_minor\": 5}\n");
  }

  @Test
  void markdownRenderedLiveShowsEveryBlockNotOnlyTheFirst() throws Exception {
    notebook("blocks.ipynb", "{\"cell_type\": \"markdown\", \"id\": \"md\", \"metadata\": {}, \"source\": [\"old\"]}");
    shared.openNotebook("blocks.ipynb");
    new Actions(browser).doubleClick(cell("md").findElement(By.cssSelector(".markdown-rendered"))).perform();
    WebElement source = cell("md").findElement(By.cssSelector("textarea.text-source"));
    shared.waiting().until(d -> source.isDisplayed());
    source.sendKeys(Keys.chord(Keys.CONTROL, "a"), "# Title\n\nFirst paragraph.\n\n- one\n- two\n\nLast paragraph.");
    source.sendKeys(Keys.chord(Keys.SHIFT, Keys.ENTER));
    shared.waiting().until(d -> !cell("md").findElements(By.cssSelector(".markdown-rendered h1")).isEmpty());
    WebElement shown = cell("md").findElement(By.cssSelector(".markdown-rendered"));
    assertEquals("Title", shown.findElement(By.cssSelector("h1")).getText());
    assertEquals(List.of("First paragraph.", "Last paragraph."),
        shown.findElements(By.cssSelector("p")).stream().map(WebElement::getText).toList());
    assertEquals(2, shown.findElements(By.cssSelector("li")).size(), "the list is shown too");
    assertEquals(1, cell("md").findElements(By.cssSelector(".markdown-rendered")).size(), "one rendering, not two");
  }

  @Test
  void changingTheCellTypeWithMKeepsTheCellSelectedSoEnterEditsIt() throws Exception {
    Path file = notebook("retype.ipynb",
        "{\"cell_type\": \"code\", \"execution_count\": null, \"id\": \"one\", \"metadata\": {}, \"outputs\": [], \"source\": [\"Some *notes*\"]},"
        + "{\"cell_type\": \"code\", \"execution_count\": null, \"id\": \"two\", \"metadata\": {}, \"outputs\": [], \"source\": [\"1 + 1\"]}");
    shared.openNotebook("retype.ipynb");
    cell("one").findElement(By.cssSelector(".prompt")).click();
    new Actions(browser).sendKeys("m").perform();
    shared.waiting().until(d -> "markdown".equals(cell("one").getDomAttribute("data-cell-type"))
        && !cell("one").findElements(By.cssSelector(".markdown-rendered em")).isEmpty());
    assertTrue(cell("one").getDomAttribute("class").contains("selected"), "the retyped cell is still selected");

    new Actions(browser).sendKeys(Keys.ENTER).perform(); // edit it, as in Jupyter
    new Actions(browser).keyDown(Keys.CONTROL).sendKeys(Keys.END).keyUp(Keys.CONTROL).sendKeys(" and more")
        .keyDown(Keys.SHIFT).sendKeys(Keys.ENTER).keyUp(Keys.SHIFT).perform();
    shared.waiting().withMessage(() -> "shown: " + cell("one").getText())
        .until(d -> cell("one").findElement(By.cssSelector(".markdown-rendered")).getText().equals("Some notes and more"));
    assertEquals(2, browser.findElements(By.cssSelector("div.cell")).size(), "the typed letters fired no cell shortcuts");
    assertEquals("code", cell("two").getDomAttribute("data-cell-type"));

    cell("two").findElement(By.cssSelector(".prompt")).click();
    new Actions(browser).sendKeys("r").perform();
    shared.waiting().until(d -> "raw".equals(cell("two").getDomAttribute("data-cell-type")));
    assertTrue(cell("two").getDomAttribute("class").contains("selected"), "R keeps the selection too");
    assertEquals("1 + 1", cell("two").findElement(By.cssSelector("pre.raw-source")).getText());
    KernelExecutionTest.waitFor(() -> {
      Notebook saved = Notebook.parse(Files.readString(file));
      return "raw".equals(Notebook.type(saved.cell("two"))) && "Some *notes* and more".equals(Notebook.source(saved.cell("one")));
    }, "both changes saved");
  }

  @Test
  void markdownAndRawCellsAreEditedInCodeMirrorWithMarkdownHighlighting() throws Exception {
    Path file = notebook("cm-md.ipynb",
        "{\"cell_type\": \"markdown\", \"id\": \"md\", \"metadata\": {}, \"source\": [\"# Heading\\n\", \"\\n\", \"text\"]},"
        + "{\"cell_type\": \"raw\", \"id\": \"raw\", \"metadata\": {}, \"source\": [\"raw *stays*\"]}");
    shared.openNotebook("cm-md.ipynb");
    assertTrue(cell("md").findElements(By.cssSelector(".cm-editor")).stream().noneMatch(WebElement::isDisplayed),
        "the rendered Markdown shows until the cell is edited");
    new Actions(browser).doubleClick(cell("md").findElement(By.cssSelector(".markdown-rendered"))).perform();
    WebElement editor = cell("md").findElement(By.cssSelector(".cm-editor .cm-content"));
    shared.waiting().until(d -> editor.isDisplayed() && editor.equals(d.switchTo().activeElement()));
    WebElement heading = editor.findElement(By.xpath(".//span[contains(text(), 'Heading')]"));
    WebElement plain = editor.findElements(By.cssSelector(".cm-line")).get(2);
    assertTrue(!heading.getCssValue("font-weight").equals(plain.getCssValue("font-weight"))
        || !heading.getCssValue("text-decoration-line").equals(plain.getCssValue("text-decoration-line")),
        "the heading is highlighted as Markdown");
    new Actions(browser).keyDown(Keys.CONTROL).sendKeys(Keys.END).keyUp(Keys.CONTROL).sendKeys(" with $x_1$")
        .keyDown(Keys.SHIFT).sendKeys(Keys.ENTER).keyUp(Keys.SHIFT).perform();
    shared.waiting().withMessage(() -> "the cell is " + cell("md").getDomProperty("outerHTML"))
        .until(d -> !cell("md").findElements(By.cssSelector(".markdown-rendered .katex")).isEmpty());
    assertTrue(!editor.isDisplayed(), "the editor is put away after rendering");

    new Actions(browser).doubleClick(cell("raw").findElement(By.cssSelector("pre.raw-source"))).perform();
    WebElement rawEditor = cell("raw").findElement(By.cssSelector(".cm-editor .cm-content"));
    shared.waiting().until(d -> rawEditor.isDisplayed() && rawEditor.equals(d.switchTo().activeElement()));
    new Actions(browser).keyDown(Keys.CONTROL).sendKeys(Keys.END).keyUp(Keys.CONTROL).sendKeys("!")
        .keyDown(Keys.CONTROL).sendKeys(Keys.ENTER).keyUp(Keys.CONTROL).perform();
    shared.waiting().until(d -> cell("raw").findElement(By.cssSelector("pre.raw-source")).getText().equals("raw *stays*!"));
    KernelExecutionTest.waitFor(() -> {
      Notebook saved = Notebook.parse(Files.readString(file));
      return "# Heading\n\ntext with $x_1$".equals(Notebook.source(saved.cell("md")))
          && "raw *stays*!".equals(Notebook.source(saved.cell("raw")));
    }, "the edits saved");
  }
}
