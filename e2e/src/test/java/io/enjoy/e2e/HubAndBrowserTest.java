package io.enjoy.e2e;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * A test that runs a hub process and a browser: whatever happens, both are stopped and every
 * container or worker process started under the test's directory is removed afterwards.
 */
abstract class HubAndBrowserTest {
  @TempDir Path work;
  ChromeDriver browser;
  HubProcess hub;

  @AfterEach
  void stopHubBrowserAndWorkers() throws Exception {
    if (browser != null) {
      browser.quit();
    }
    if (hub != null) {
      hub.stop();
    }
    Workers.removeAll(work);
  }
}
