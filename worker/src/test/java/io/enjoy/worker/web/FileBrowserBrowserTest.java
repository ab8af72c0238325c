package io.enjoy.worker.web;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;

/**
 * The file browser and the text editor as a Jupyter user expects them, in headless Chromium: a
 * new folder named "Untitled Folder" that can be renamed, a listing sorted folders first and
 * ignoring case, text files (.txt, .csv, .py, .java, .md, .json) opened in an editor that saves
 * with Ctrl-S but never over a version changed on disk meanwhile, and binary files refused with
 * a download instead.
 */
class FileBrowserBrowserTest extends BrowserWorkerTest {

  private static List<String> listed() {
    return browser.findElements(By.cssSelector("#file-list li.entry > a:first-child")).stream().map(WebElement::getText).toList();
  }

  /** The text the editor shows, line by line as CodeMirror draws it. */
  private static String editorText() {
    return browser.findElements(By.cssSelector("#text-file .cm-content .cm-line")).stream().map(WebElement::getText)
        .reduce((a, b) -> a + "\n" + b).orElse("");
  }

  /** Clicks into the editor and types at the end of the text. */
  private static void typeAtTheEnd(String text) {
    browser.findElement(By.cssSelector("#text-file .cm-content")).click();
    new Actions(browser).keyDown(Keys.CONTROL).sendKeys(Keys.END).keyUp(Keys.CONTROL).sendKeys(text).perform();
  }

  /** Opens a file in the editor and waits until the editor shows its first line. */
  private static void openInEditor(String path, String firstLine) {
    browser.get(shared.base() + "edit/" + path);
    shared.waiting().withMessage(() -> browser.getCurrentUrl() + " shows: " + browser.findElement(By.tagName("body")).getText())
        .until(d -> editorText().startsWith(firstLine));
  }

  private static String saveStatus() {
    return browser.findElement(By.id("save-status")).getText();
  }

  @Test
  void newFolderIsCalledUntitledFolderThenNumberedAndCanBeRenamed() throws Exception {
    Path project = Files.createDirectories(home.resolve("project"));
    browser.get(shared.base() + "tree/project");
    browser.findElement(By.id("new-folder")).click();
    shared.waiting().until(d -> listed().equals(List.of("Untitled Folder/")));
    browser.findElement(By.id("new-folder")).click();
    shared.waiting().until(d -> listed().equals(List.of("Untitled Folder/", "Untitled Folder 1/")));

    browser.findElement(By.cssSelector("button.rename-entry[data-path='project/Untitled Folder']")).click();
    browser.switchTo().alert().sendKeys("project/plots");
    browser.switchTo().alert().accept();
    shared.waiting().until(d -> listed().equals(List.of("plots/", "Untitled Folder 1/")));
    assertTrue(Files.isDirectory(project.resolve("plots")) && !Files.exists(project.resolve("Untitled Folder")));
    browser.findElement(By.linkText("plots/")).click();
    shared.waiting().until(d -> d.getCurrentUrl().endsWith("tree/project/plots"));
  }

  @Test
  void listingShowsFoldersFirstThenFilesIgnoringCase() throws Exception {
    Path dir = Files.createDirectories(home.resolve("sorting"));
    for (String folder : List.of("zeta", "Data", "alpha")) {
      Files.createDirectories(dir.resolve(folder));
    }
    for (String file : List.of("beta.txt", "Zebra.csv", "Alpha.txt", "gamma.ipynb", "Beta.md")) {
      Files.writeString(dir.resolve(file), "x\n");
    }
    browser.get(shared.base() + "tree/sorting");
    assertEquals(List.of("alpha/", "Data/", "zeta/", "Alpha.txt", "Beta.md", "beta.txt", "gamma.ipynb", "Zebra.csv"), listed());
  }

  @Test
  void textFilesOfEveryCommonKindOpenInTheEditorFromTheFileBrowser() throws Exception {
    Path dir = Files.createDirectories(home.resolve("texts"));
    Map<String, String> files = Map.of("notes.txt", "remember the b-tag cut", "events.csv", "Jets,Muons\n4,1",
        "fit.py", "import numpy as np", "Cut.java", "public class Cut {}", "README.md", "# Top mass",
        "config.json", "{\"bins\": 40}");
    for (var f : files.entrySet()) {
      Files.writeString(dir.resolve(f.getKey()), f.getValue() + "\n");
    }
    for (var f : files.entrySet()) {
      browser.get(shared.base() + "tree/texts");
      browser.findElement(By.linkText(f.getKey())).click();
      shared.waiting().withMessage(() -> f.getKey() + " shows " + editorText())
          .until(d -> editorText().equals(f.getValue() + "\n"));
      assertEquals("texts/" + f.getKey(), browser.findElement(By.id("file-name")).getText());
    }
  }

  @Test
  void editedTextFileIsSavedWithCtrlS() throws Exception {
    Path file = Files.writeString(home.resolve("cuts.txt"), "pt > 25 GeV\n");
    openInEditor("cuts.txt", "pt > 25 GeV");
    typeAtTheEnd("|eta| < 2.5\n");
    new Actions(browser).keyDown(Keys.CONTROL).sendKeys("s").keyUp(Keys.CONTROL).perform();
    shared.waiting().until(d -> saveStatus().equals("Saved"));
    assertEquals("pt > 25 GeV\n|eta| < 2.5\n", Files.readString(file));

    typeAtTheEnd("n_jets >= 4\n"); // a second save starts from the first one's stamp: no false conflict
    browser.findElement(By.id("save-file")).click();
    shared.waiting().until(d -> saveStatus().equals("Saved"));
    assertEquals("pt > 25 GeV\n|eta| < 2.5\nn_jets >= 4\n", Files.readString(file));
  }

  @Test
  void savingOverAVersionChangedOnDiskIsRefusedAndTheTypedTextStaysUntilOverwriteIsChosen() throws Exception {
    Path file = Files.writeString(home.resolve("shared.csv"), "mass\n172.5\n");
    openInEditor("shared.csv", "mass");
    Files.writeString(file, "mass\n173.1\n"); // another tab or a kernel writes the file
    Files.setLastModifiedTime(file, FileTime.from(Instant.now().plusSeconds(5)));
    typeAtTheEnd("171.9\n");
    browser.findElement(By.id("save-file")).click();

    shared.waiting().withMessage(() -> "save status: " + saveStatus() + ", editor: " + editorText())
        .until(d -> saveStatus().startsWith("Not saved:"));
    assertTrue(saveStatus().contains("'shared.csv' was changed on disk since it was opened; it was not overwritten"), saveStatus());
    assertEquals("mass\n173.1\n", Files.readString(file), "the other version is kept");
    assertEquals("mass\n172.5\n171.9\n", editorText(), "the typed text is kept");

    WebElement overwrite = browser.findElement(By.id("overwrite-file"));
    assertTrue(overwrite.isDisplayed());
    overwrite.click();
    shared.waiting().until(d -> saveStatus().equals("Saved"));
    assertEquals("mass\n172.5\n171.9\n", Files.readString(file));
    assertTrue(!overwrite.isDisplayed());
  }

  @Test
  void binaryFileIsRefusedByTheEditorWithADownloadInsteadAndStaysUntouched() throws Exception {
    byte[] png = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R', (byte) 0xff, (byte) 0xd8};
    Path file = Files.write(home.resolve("plot.png"), png);
    browser.get(shared.base());
    browser.findElement(By.linkText("plot.png")).click();
    assertEquals("'plot.png' is a binary file, not text: it cannot be opened in the editor; download it instead",
        browser.findElement(By.id("error-message")).getText());
    browser.findElement(By.id("download-instead")).click();
    assertArrayEquals(png, Files.readAllBytes(shared.downloaded("plot.png")));
    assertArrayEquals(png, Files.readAllBytes(file), "the file is left as it was");
  }
}
