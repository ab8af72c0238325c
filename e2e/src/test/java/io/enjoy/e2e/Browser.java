package io.enjoy.e2e;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

/**
 * Debian's headless Chromium driven through Debian's chromedriver. Nothing is downloaded: the
 * driver and browser binaries are named explicitly, so Selenium Manager never runs.
 */
final class Browser {
  static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

  private Browser() {}

  static ChromeDriver start(Path profileDir) throws Exception {
    if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
      throw new IllegalStateException("install Debian's chromium and chromium-driver (.ci/run does)");
    }
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--disable-quic", "--no-first-run", "--window-size=1280,1000",
        "--user-data-dir=" + Files.createDirectories(profileDir));
    options.setAcceptInsecureCerts(true);
    LoggingPreferences logs = new LoggingPreferences();
    logs.enable(LogType.PERFORMANCE, Level.ALL);
    options.setCapability("goog:loggingPrefs", logs);
    ChromeDriverService service = new ChromeDriverService.Builder()
        .usingDriverExecutable(CHROMEDRIVER.toFile())
        .usingAnyFreePort()
        .build();
    ChromeDriver driver = new ChromeDriver(service, options);
    driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
    return driver;
  }

  /**
   * WebSocket URLs whose handshake completed with 101 since the last call, read from Chromium's
   * DevTools network log: proof of which origin and path the page's execution socket used.
   */
  static List<String> upgradedWebSockets(ChromeDriver driver) {
    Map<String, String> urls = new java.util.HashMap<>();
    List<String> upgraded = new java.util.ArrayList<>();
    for (LogEntry entry : driver.manage().logs().get(LogType.PERFORMANCE)) {
      io.vertx.core.json.JsonObject message = new io.vertx.core.json.JsonObject(entry.getMessage()).getJsonObject("message");
      String method = message.getString("method");
      io.vertx.core.json.JsonObject params = message.getJsonObject("params");
      if ("Network.webSocketCreated".equals(method)) {
        urls.put(params.getString("requestId"), params.getString("url"));
      } else if ("Network.webSocketHandshakeResponseReceived".equals(method)
          && params.getJsonObject("response").getInteger("status") == 101) {
        upgraded.add(urls.getOrDefault(params.getString("requestId"), "?"));
      }
    }
    return upgraded;
  }
}
