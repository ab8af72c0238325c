package io.enjoy.worker.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;

/**
 * A restart throws away every variable, so the page asks first, as Jupyter does, whether it comes
 * from the Restart button, "Restart &amp; Run all" or 0,0; the question is answered from the
 * keyboard (Enter restarts, Escape keeps the kernel) or with its buttons.
 */
class KernelRestartBrowserTest extends BrowserWorkerTest {

  private static void keys(CharSequence... keys) {
    new Actions(browser).sendKeys(keys).perform();
  }

  private static WebElement dialog() {
    shared.waiting().until(d -> !d.findElements(By.cssSelector("dialog#restart-dialog[open]")).isEmpty());
    return browser.findElement(By.id("restart-dialog"));
  }

  private static void awaitDialogClosed() {
    shared.waiting().until(d -> d.findElements(By.id("restart-dialog")).isEmpty());
  }

  private static void run(String id) {
    cell(id).findElement(By.cssSelector("button.run-cell")).click();
  }

  @Test
  void zeroZeroAsksBeforeRestartingEscapeKeepsTheVariablesAndEnterRestarts() throws Exception {
    shared.worker.notebook("keep.ipynb", "int kept = 7;", "kept * 6");
    shared.openNotebook("keep.ipynb");
    run("c1");
    shared.waiting().until(d -> prompt("c1").equals("[1]:"));

    cell("c1").findElement(By.cssSelector(".prompt")).click();
    keys("00");
    WebElement asked = dialog();
    assertTrue(asked.getText().contains("Restart kernel?"), asked.getText());
    assertTrue(asked.getText().contains("All variables will be lost."), asked.getText());
    assertEquals(asked.findElement(By.cssSelector("button.confirm")), browser.switchTo().activeElement(),
        "Restart has the focus, so Enter confirms");
    keys(Keys.ESCAPE);
    awaitDialogClosed();
    run("c2");
    shared.waiting().until(d -> output("c2").equals("42"));
    assertEquals("[2]:", prompt("c2"), "the kernel kept its state and its counter");

    cell("c2").findElement(By.cssSelector(".prompt")).click();
    keys("00");
    dialog();
    keys(Keys.ENTER);
    awaitDialogClosed();
    run("c2");
    shared.waiting().until(d -> output("c2").contains("cannot find symbol"));
    assertTrue(output("c2").contains("kept"), "the restarted kernel no longer knows the variable: " + output("c2"));
  }

  @Test
  void restartAndRunAllAsksFirstCancelChangesNothingAndConfirmRunsEveryCellInAFreshKernel() throws Exception {
    shared.worker.notebook("again.ipynb", "int base = 20;", "base + 22");
    shared.openNotebook("again.ipynb");
    browser.findElement(By.id("run-all")).click();
    shared.waiting().until(d -> output("c2").equals("42"));
    run("c2");
    shared.waiting().until(d -> prompt("c2").equals("[3]:"));

    browser.findElement(By.id("restart-run-all")).click();
    WebElement asked = dialog();
    assertTrue(asked.getText().contains("Restart kernel and run all cells?"), asked.getText());
    assertTrue(asked.getText().contains("All variables will be lost"), asked.getText());
    asked.findElement(By.cssSelector("button.cancel")).click();
    awaitDialogClosed();
    shared.awaitKernel("idle");
    assertEquals(List.of("[1]:", "[3]:"), List.of(prompt("c1"), prompt("c2")), "nothing ran again");

    browser.findElement(By.id("restart-kernel")).click();
    assertTrue(dialog().getText().contains("Restart kernel?"));
    keys(Keys.ESCAPE);
    awaitDialogClosed();

    browser.findElement(By.id("restart-run-all")).click();
    dialog().findElement(By.cssSelector("button.confirm")).click();
    awaitDialogClosed();
    shared.waiting().withMessage(() -> "prompts " + prompt("c1") + " " + prompt("c2"))
        .until(d -> prompt("c1").equals("[1]:") && prompt("c2").equals("[2]:") && output("c2").equals("42"));
  }
}
