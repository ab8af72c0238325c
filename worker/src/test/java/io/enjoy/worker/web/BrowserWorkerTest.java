package io.enjoy.worker.web;

import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * Base of the worker's browser test classes: one worker on a fresh home, its secret-adding proxy
 * and one headless Chromium per class ({@link BrowserWorker}), since starting Chromium and a
 * kernel per test would dominate the suite's time; plus the cell lookups every class uses.
 */
@ExtendWith(VertxExtension.class)
abstract class BrowserWorkerTest {
  @TempDir
  static Path home;
  @TempDir
  static Path profile;
  static BrowserWorker shared;
  static ChromeDriver browser;

  /** Extra environment for the class's worker, as {@code NAME=value} pairs. */
  @Retention(RetentionPolicy.RUNTIME)
  @Target(ElementType.TYPE)
  @interface WorkerEnvironment {
    String[] value();
  }

  @BeforeAll
  static void startWorkerAndBrowser(Vertx vertx, TestInfo test) throws Exception {
    Map<String, String> env = new HashMap<>();
    WorkerEnvironment extra = test.getTestClass().orElseThrow().getAnnotation(WorkerEnvironment.class);
    for (String pair : extra == null ? new String[0] : extra.value()) {
      env.put(pair.substring(0, pair.indexOf('=')), pair.substring(pair.indexOf('=') + 1));
    }
    shared = BrowserWorker.start(vertx, home, profile, env);
    browser = shared.browser;
  }

  @AfterAll
  static void stopWorkerAndBrowser() throws Exception {
    if (shared != null) {
      shared.close();
      shared = null;
    }
  }

  static WebElement cell(String id) {
    return browser.findElement(By.cssSelector("div.cell[data-cell-id=" + id + "]"));
  }

  static String output(String id) {
    return cell(id).findElement(By.cssSelector("div.cell-output")).getText();
  }

  /** Answers the restart question the page asks ("Restart kernel?") with its Restart button. */
  static void confirmRestart() {
    shared.waiting().until(d -> !d.findElements(By.cssSelector("dialog#restart-dialog[open]")).isEmpty());
    browser.findElement(By.cssSelector("dialog#restart-dialog button.confirm")).click();
    shared.waiting().until(d -> d.findElements(By.id("restart-dialog")).isEmpty());
  }

  /** The execution prompt as shown, e.g. {@code [3]:}, {@code [*]:} or {@code [ ]:}. */
  static String prompt(String id) {
    return cell(id).findElement(By.cssSelector(".prompt")).getText().trim();
  }
}
