package io.enjoy.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.WebDriverWait;

/** Bad input gets a clear error and changes nothing. */
class BadInputTest extends HubAndBrowserTest {

  @Test
  void misspelledConfigKeyStopsTheStartNamingTheKeyAndCreatesNothing() throws Exception {
    Path config = work.resolve("enjoy.yaml");
    Files.writeString(config, "data_dir: " + work.resolve("data") + "\nculer:\n  timeout: 5s\n");
    Finished run = runToEnd(config, Map.of());

    assertThat(run.exitCode).isEqualTo(2);
    assertThat(run.output).contains("culer").contains("culler");
    assertThat(work.resolve("data")).as("nothing was created").doesNotExist();
  }

  @Test
  void impossibleValueFromTheEnvironmentIsNamedWithItsVariable() throws Exception {
    Path config = work.resolve("enjoy.yaml");
    Files.writeString(config, "data_dir: " + work.resolve("data") + "\n");
    Finished run = runToEnd(config, Map.of("ENJOY_GATEWAY__HTTPS_PORT", "70000"));

    assertThat(run.exitCode).isEqualTo(2);
    assertThat(run.output).contains("gateway.https_port").contains("70000");
    assertThat(work.resolve("data")).doesNotExist();
  }

  @Test
  void unreachableDatabaseIsReportedWithItsUrlAndNoServerStarts() throws Exception {
    int httpsPort = HubProcess.freePort();
    Path config = work.resolve("enjoy.yaml");
    Files.writeString(config, String.join("\n",
        "data_dir: " + work.resolve("data"),
        "gateway:",
        "  https_port: " + httpsPort,
        "database:",
        "  embedded: false",
        "  url: postgresql://127.0.0.1:1/enjoy",
        "  user: enjoy",
        "  password: nope",
        "oidc:",
        "  dev_provider:",
        "    port: " + HubProcess.freePort(),
        ""));
    Finished run = runToEnd(config, Map.of());

    assertThat(run.exitCode).isNotZero();
    assertThat(run.output).contains("database.url").contains("127.0.0.1:1");
    assertThat(Workers.countUnder(work)).as("no server was started").isZero();
  }

  @Test
  void userNotOnTheAllowListIsRefusedAndGetsNoServer() throws Exception {
    startHub(List.of("student"));
    browser = Browser.start(work.resolve("chromium"));
    Pages.logIn(browser, hub.baseUrl(), "mallory");
    new WebDriverWait(browser, Duration.ofSeconds(30))
        .until(d -> d.getPageSource().contains("not allowed"));

    browser.get(hub.baseUrl() + "/hub/home");
    assertThat(browser.getCurrentUrl()).as("no session was created").doesNotContain("/hub/home");
    assertThat(Workers.countUnder(work)).as("nothing was started for mallory").isZero();
  }

  @Test
  void H24_anotherUsersServerPathIsRefusedAndNothingStarts() throws Exception {
    startHub(List.of("student", "other"));
    browser = Browser.start(work.resolve("chromium"));
    Pages.logIn(browser, hub.baseUrl(), "student");
    new WebDriverWait(browser, Duration.ofSeconds(30)).until(d -> d.getCurrentUrl().contains("/hub/home"));

    browser.get(hub.baseUrl() + "/user/other/");
    assertThat(browser.getPageSource()).containsIgnoringCase("forbidden");
    assertThat(browser.findElements(By.id("start-server"))).as("no start button for someone else's server").isEmpty();

    HttpResponse<String> anonymous = HubProcess.insecureClient().send(
        HttpRequest.newBuilder(URI.create(hub.baseUrl() + "/user/other/api/status")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(anonymous.statusCode()).as("no route is reachable without hub auth").isIn(302, 401, 403);
    assertThat(Workers.countUnder(work)).as("nothing was started for anyone").isZero();
  }

  private void startHub(List<String> allowed) throws Exception {
    int httpsPort = HubProcess.freePort();
    Path config = TestConfig.write(work, httpsPort, HubProcess.freePort(), "local", allowed);
    hub = new HubProcess(config, work.resolve("hub.log"), httpsPort, Map.of()).start(Duration.ofSeconds(120));
  }

  private record Finished(int exitCode, String output) {}

  private Finished runToEnd(Path config, Map<String, String> env) throws Exception {
    Path log = work.resolve("run.log");
    Process process = HubProcess.launch(List.of("--config", config.toString()), env, log);
    if (!process.waitFor(120, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("the hub kept running although its input was bad:\n" + Files.readString(log));
    }
    return new Finished(process.exitValue(), Files.readString(log));
  }
}
