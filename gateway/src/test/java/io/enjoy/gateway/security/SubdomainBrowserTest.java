package io.enjoy.gateway.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.enjoy.conf.bus.ServerKey;
import io.enjoy.gateway.GatewayFixture;
import io.enjoy.gateway.TestWorker;
import io.enjoy.gateway.keycloak.HeadlessChromium;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Subdomain mode in a real browser: the hub on {@code enjoy.test}, users on {@code *.enjoy.test}
 * (Chromium's host resolver maps both to loopback, as wildcard DNS would), the development login
 * provider, a real gateway and a test worker behind it.
 */
class SubdomainBrowserTest {
  private static final Duration WAIT = Duration.ofSeconds(30);

  @TempDir
  static Path dataDir;
  static GatewayFixture hub;
  static TestWorker worker;
  static String hubUrl;
  static int port;

  @BeforeAll
  static void start() throws Exception {
    try (ServerSocket free = new ServerSocket(0)) {
      port = free.getLocalPort();
    }
    hubUrl = "https://enjoy.test:" + port;
    hub = GatewayFixture.start(Configs.subdomains(dataDir, List.of("alice"), hubUrl, port, "enjoy.test"));
    worker = new TestWorker(hub.vertx).start();
  }

  @AfterAll
  static void stop() {
    if (worker != null) {
      worker.close();
    }
    if (hub != null) {
      hub.close();
    }
  }

  @Test
  void T03_aStudentLogsInOnTheHubAndReachesTheirServerOnTheirOwnSubdomain(@TempDir Path profile) throws Exception {
    ChromeDriver browser = HeadlessChromium.start(profile, "--host-resolver-rules=MAP *.enjoy.test 127.0.0.1, MAP enjoy.test 127.0.0.1");
    try {
      // the student logs in on the hub host; the server is started as the home page's button would
      attempt(browser, () -> {
        browser.get(hubUrl + "/hub/oauth_login?next=/hub/home");
        waitFor(browser, d -> !d.findElements(By.name("username")).isEmpty());
        browser.findElement(By.name("username")).sendKeys("alice");
        browser.findElement(By.name("username")).submit();
        waitFor(browser, d -> d.getCurrentUrl().startsWith(hubUrl + "/hub/home"));
      });
      GatewayFixture.await(hub.gateway.hub().servers().start(ServerKey.defaultServer("alice")));
      String own = "https://alice.enjoy.test:" + port;
      attempt(browser, () -> {
        browser.get(hubUrl + "/hub/home");
        waitFor(browser, d -> !d.findElements(By.id("open-server")).isEmpty());
        browser.findElement(By.id("open-server")).click();
        waitFor(browser, d -> d.getCurrentUrl().startsWith(own + "/user/alice/") && d.getPageSource().contains("\"uri\":\"/user/alice/\""));
      });

      Cookie userHostCookie = browser.manage().getCookieNamed("__Host-enjoy-user-session");
      assertTrue(userHostCookie != null && userHostCookie.isSecure() && userHostCookie.isHttpOnly(), "the host's own session cookie");
      assertEquals("alice.enjoy.test", userHostCookie.getDomain(), "host-only");
      assertFalse(browser.manage().getCookies().stream().anyMatch(c -> c.getName().equals("__Host-enjoy-session")),
          "the hub's cookie does not exist on the user's host");

      // script on alice's page: it can toss a cookie onto the parent domain, but not one the hub reads (T4),
      // and it cannot read the hub's answers (T3: another origin)
      browser.executeScript("document.cookie = '__Host-enjoy-session=planted; Path=/; Secure; Domain=enjoy.test';"
          + "document.cookie = 'enjoy-session=planted; Path=/; Secure; Domain=enjoy.test';");
      Object read = browser.executeAsyncScript("const done = arguments[arguments.length - 1];"
          + "fetch('" + hubUrl + "/hub/api/user', {credentials: 'include'}).then(r => r.text()).then(done, e => done('refused: ' + e));");
      assertTrue(String.valueOf(read).startsWith("refused"), "the hub's API is not readable from a user's page: " + read);

      attempt(browser, () -> {
        browser.get(hubUrl + "/hub/home");
        waitFor(browser, d -> d.getCurrentUrl().startsWith(hubUrl + "/hub/home"));
      });
      assertTrue(browser.findElement(By.tagName("body")).getText().contains("alice"), "still alice's own hub session");
    } finally {
      browser.quit();
    }
  }

  /**
   * Runs a browser step again when Chromium aborted it with {@code ERR_NETWORK_CHANGED}: containers
   * of other tests on this machine add and remove network interfaces, and Chromium then cancels
   * every request in flight, loopback included. Any other failure fails the test.
   */
  private static void attempt(ChromeDriver browser, Runnable step) {
    for (int tries = 1; ; tries++) {
      try {
        step.run();
        return;
      } catch (NetworkChanged e) {
        if (tries == 4) {
          throw new AssertionError("Chromium kept reporting network changes", e);
        }
      }
    }
  }

  private static final class NetworkChanged extends RuntimeException {}

  private static void waitFor(ChromeDriver browser, java.util.function.Function<org.openqa.selenium.WebDriver, Boolean> condition) {
    new WebDriverWait(browser, WAIT).withMessage(() -> shown(browser)).until(d -> {
      if (browser.getPageSource().contains("ERR_NETWORK_CHANGED")) {
        throw new NetworkChanged();
      }
      return condition.apply(d);
    });
  }

  private static String shown(ChromeDriver browser) {
    return "at " + browser.getCurrentUrl() + ":\n" + browser.getPageSource();
  }
}
