package io.enjoy.worker.web;

import io.enjoy.conf.worker.WorkerContract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

/**
 * What the kernel does, as a student sees it in headless Chromium: run all, streaming output,
 * inline plots, the output cap, stdin, interrupt that escalates to a restart, and a dying kernel.
 */
class KernelBrowserTest extends BrowserWorkerTest {

  /** Records every kernel status the page shows from now on (some last less than a poll interval). */
  private static void recordStatuses() {
    browser.executeScript("window.statusesShown = [];"
        + "const el = document.getElementById('kernel-status');"
        + "new MutationObserver(() => window.statusesShown.push(el.textContent.trim()))"
        + ".observe(el, {childList: true, characterData: true, subtree: true});");
  }

  @SuppressWarnings("unchecked")
  private static List<String> statusesShown() {
    return (List<String>) browser.executeScript("return window.statusesShown;");
  }

  @Test
  void runAllRunsEveryCodeCellTopToBottom() throws Exception {
    Path file = shared.worker.notebook("all.ipynb", "int a = 2;", "int b = a * 3;", "a + b");
    shared.openNotebook("all.ipynb");
    browser.findElement(By.id("run-all")).click();
    shared.waiting().until(d -> output("c3").equals("8"));
    assertEquals(List.of("[1]:", "[2]:", "[3]:"), List.of(prompt("c1"), prompt("c2"), prompt("c3")));
    KernelExecutionTest.waitFor(() -> Files.readString(file).contains("\"8\""), "the result saved");
  }

  @Test
  void outputStreamsIntoThePageWhileTheCellStillRuns() throws Exception {
    shared.worker.notebook("stream.ipynb",
        "for (int i = 0; i < 6; i++) {\n  System.out.println(\"tick \" + i);\n  Thread.sleep(700);\n}");
    shared.openNotebook("stream.ipynb");
    cell("c1").findElement(By.cssSelector("button.run-cell")).click();
    shared.waiting().until(d -> output("c1").contains("tick 1"));
    assertEquals("[*]:", prompt("c1"), "the cell is still running while its first lines show");
    assertTrue(!output("c1").contains("tick 5"), output("c1"));
    shared.awaitKernel("idle");
    assertTrue(output("c1").contains("tick 5"));
  }

  @Test
  void histogramPlotFromTheAnalysisLibraryAppearsInlineAsSvg() throws Exception {
    shared.worker.notebook("plot.ipynb", "Histogram h = new Histogram(10, 0, 10);\n"
        + "for (int i = 0; i < 100; i++) h.fill(i % 10 + 0.5, i % 3 + 1);\n"
        + "display(new Plot(\"Test plot\", \"x [GeV]\", \"events\").histogram(h, \"data\", Plot.HistStyle.FILLED));");
    shared.openNotebook("plot.ipynb");
    cell("c1").findElement(By.cssSelector("button.run-cell")).click();
    shared.waiting().until(d -> !cell("c1").findElements(By.cssSelector("div.cell-output img")).isEmpty());
    WebElement img = cell("c1").findElement(By.cssSelector("div.cell-output img"));
    assertTrue(img.getDomAttribute("src").startsWith("data:image/svg+xml"), img.getDomAttribute("src"));
    shared.waiting().until(d -> ((Number) browser.executeScript("return arguments[0].naturalWidth", img)).intValue() > 100);
    assertTrue(img.getSize().getHeight() > 100, "the plot is drawn, not a broken image: " + img.getSize());
  }

  @Test
  void endlessPrintingShowsTheOutputTruncatedNotice() throws Exception {
    shared.worker.notebook("flood.ipynb", "String line = \"x\".repeat(99);\nfor (int i = 0; i < 20000; i++) System.out.println(line);");
    shared.openNotebook("flood.ipynb");
    cell("c1").findElement(By.cssSelector("button.run-cell")).click();
    shared.waiting().until(d -> output("c1").contains("[output truncated: this cell printed more than 1024 KiB]"));
    shared.awaitKernel("idle");
  }

  @Test
  void readingStdinEndsWithAClearNotice() throws Exception {
    shared.worker.notebook("stdin.ipynb", "var in = new java.util.Scanner(System.in);\nin.hasNextLine()");
    shared.openNotebook("stdin.ipynb");
    cell("c1").findElement(By.cssSelector("button.run-cell")).click();
    shared.waiting().until(d -> output("c1").endsWith("false"));
    assertTrue(output("c1").contains("stdin is not available"), output("c1"));
  }

  @Test
  void interruptOfCodeStuckInALibraryCallRestartsTheKernelAndSaysStateWasLost(@TempDir Path dir) throws Exception {
    Path fifo = dir.resolve("pipe");
    assertEquals(0, new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor());
    // Opening a FIFO nobody writes to blocks inside the JDK's native code, where neither JShell's
    // stop checks nor Thread.stop reach.
    shared.worker.notebook("stuck.ipynb", "int kept = 1;",
        "new java.io.FileInputStream(\"" + fifo + "\").read()");
    shared.openNotebook("stuck.ipynb");
    cell("c1").findElement(By.cssSelector("button.run-cell")).click();
    shared.waiting().until(d -> prompt("c1").equals("[1]:"));
    cell("c2").findElement(By.cssSelector("button.run-cell")).click();
    shared.awaitKernel("busy");
    recordStatuses();
    browser.findElement(By.id("interrupt-kernel")).click();
    shared.waiting().until(d -> output("c2").contains("Kernel restarted"));
    assertTrue(output("c2").contains("state (variables, definitions) was lost"), output("c2"));
    assertTrue(browser.findElement(By.id("kernel-message")).getText().contains("was lost"));
    shared.awaitKernel("idle");
    assertTrue(statusesShown().contains("restarting"), "the status said the kernel was restarting: " + statusesShown());
    assertEquals("[ ]:", prompt("c2"));
  }

  @Test
  void deadKernelLeavesNoCellWaitingAndSaysWhy() throws Exception {
    shared.worker.notebook("dies.ipynb", "System.exit(5);", "1 + 1", "2 + 2");
    shared.openNotebook("dies.ipynb");
    browser.findElement(By.id("run-all")).click();
    shared.awaitKernel("dead");
    shared.waiting().until(d -> browser.findElement(By.id("kernel-message")).getText().contains("exited with code 5"));
    shared.waiting().withMessage(() -> "prompts " + prompt("c1") + prompt("c2") + prompt("c3"))
        .until(d -> List.of(prompt("c1"), prompt("c2"), prompt("c3")).stream().noneMatch("[*]:"::equals));
    for (String id : List.of("c2", "c3")) {
      assertTrue(cell(id).findElement(By.cssSelector(".cell-note")).getText().startsWith("Not run"), id);
    }
    cell("c2").findElement(By.cssSelector("textarea.cell-source")).sendKeys(Keys.chord(Keys.CONTROL, Keys.ENTER));
    shared.waiting().until(d -> cell("c2").findElement(By.cssSelector(".cell-note")).getText().contains("kernel is dead"));
    assertEquals("[ ]:", prompt("c2"), "a cell run on a dead kernel does not wait forever");

    browser.navigate().refresh(); // a view opened later still learns why
    shared.awaitKernel("dead");
    shared.waiting().until(d -> browser.findElement(By.id("kernel-message")).getText().contains("exited with code 5"));
    browser.findElement(By.id("restart-kernel")).click();
    confirmRestart();
    shared.awaitKernel("idle");
  }

  @Test
  void kernelThatRunsOutOfMemoryIsShownAsDeadOfOutOfMemory(Vertx vertx, @TempDir Path small) throws Exception {
    // the smallest server a spawner may give: its kernel's heap is sized from this limit
    try (RunningWorker tight = new RunningWorker(vertx, small, Map.of(WorkerContract.MEM_LIMIT, Long.toString(256L << 20)))) {
      HttpServer proxy = BrowserWorker.proxyTo(vertx, tight);
      try {
        Path file = tight.notebook("oom.ipynb", "List<long[]> hog = new ArrayList<>();\nwhile (true) hog.add(new long[1_000_000]);");
        browser.get("http://127.0.0.1:" + proxy.actualPort() + RunningWorker.PREFIX + "notebooks/oom.ipynb");
        shared.awaitKernel("idle");
        cell("c1").findElement(By.cssSelector("button.run-cell")).click();
        shared.awaitKernel("dead");
        shared.waiting().until(d -> d.findElement(By.id("kernel-message")).getText().contains("Kernel died: the kernel ran out of memory"));
        assertTrue(output("c1").contains("ran out of memory"), output("c1"));
        assertEquals("[ ]:", prompt("c1"));
        KernelExecutionTest.waitFor(() -> Files.readString(file).contains("ran out of memory"), "the reason is saved in the cell");
      } finally {
        RunningWorker.await(proxy.close());
      }
    }
  }
}
