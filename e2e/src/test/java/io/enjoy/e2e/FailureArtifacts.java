package io.enjoy.e2e;

import java.nio.file.Files;
import java.nio.file.Path;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * What a developer needs to see when an end-to-end test fails: a screenshot, the page's HTML and
 * the hub's log, kept under {@code e2e/target/failures/<test>/} (CI prints the log tail too).
 */
final class FailureArtifacts {
  private FailureArtifacts() {}

  static void save(String testName, ChromeDriver browser, HubProcess hub) {
    try {
      Path dir = Files.createDirectories(Path.of("target", "failures", testName.replaceAll("[^A-Za-z0-9_.-]", "_")));
      if (browser != null) {
        Files.write(dir.resolve("screenshot.png"), browser.getScreenshotAs(OutputType.BYTES));
        Files.writeString(dir.resolve("page.html"), browser.getCurrentUrl() + "\n" + browser.getPageSource());
      }
      if (hub != null) {
        String log = hub.logTail();
        Files.writeString(dir.resolve("hub.log"), log);
        System.err.println("---- hub log (tail) for " + testName + " ----\n" + log);
      }
    } catch (Exception e) {
      System.err.println("could not save failure artifacts: " + e);
    }
  }
}
