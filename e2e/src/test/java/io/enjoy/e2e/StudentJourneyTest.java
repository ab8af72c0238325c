package io.enjoy.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The whole product once, as a student meets it: SSO login, start a server, open a notebook
 * through the gateway's proxy, run a cell that uses the analysis library over the execution
 * WebSocket, survive a hub restart, and finally be culled when idle.
 */
class StudentJourneyTest extends HubAndBrowserTest {
  /**
   * Unique per run: container names derive from user names, and another hub on the same Docker
   * engine (a demo, a parallel run) may own {@code enjoy-student}; the spawner rightly refuses to
   * touch another hub's container.
   */
  private static final String STUDENT = "student-" + Long.toString(System.nanoTime() % 1_000_000, 36);
  /** E = 250, p = (30, 40, 120) GeV: m = sqrt(250² − 30² − 40² − 120²) = sqrt(45600) = 213.54157 GeV. */
  private static final String MASS_CELL = String.join("\n",
      "var top = new io.enjoy.analysis.kinematics.FourVector(250, 30, 40, 120);",
      "System.out.printf(\"m = %.4f GeV%n\", top.mass());");
  private static final String EXPECTED_OUTPUT = "m = 213.5416 GeV";

  @ParameterizedTest(name = "{0} backend")
  @ValueSource(strings = {"docker", "local"})
  void studentLogsInRunsACellSurvivesAHubRestartAndIsCulledWhenIdle(String backend) throws Exception {
    try {
      journey(backend);
    } catch (Throwable failure) {
      FailureArtifacts.save("journey-" + backend, browser, hub);
      throw failure;
    }
  }

  private void journey(String backend) throws Exception {
    int httpsPort = HubProcess.freePort();
    Path config = TestConfig.write(work, httpsPort, HubProcess.freePort(), backend, List.of(STUDENT, "other"));
    hub = new HubProcess(config, work.resolve("hub-1.log"), httpsPort, Map.of()).start(Duration.ofSeconds(120));
    browser = Browser.start(work.resolve("chromium"));
    WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));

    Pages.logIn(browser, hub.baseUrl(), STUDENT);
    wait.until(ExpectedConditions.urlContains("/hub/home"));

    browser.findElement(By.id("start-server")).click();
    // The progress page reloads itself while the server starts, so elements go stale under us.
    new WebDriverWait(browser, Duration.ofSeconds(120)).ignoring(StaleElementReferenceException.class)
        .until(d -> d.getCurrentUrl().contains("/user/" + STUDENT + "/")
        || "running".equals(d.findElement(By.id("server-state")).getText().trim()));

    Workers.Worker worker = Workers.find(backend, work, STUDENT);
    if ("docker".equals(backend)) {
      assertThat(worker.labels()).containsEntry("enjoy.user", STUDENT).containsKey("enjoy.server");
    }

    Path notebook = writeNotebook(worker.homeDir(), "mass.ipynb", MASS_CELL);
    Browser.upgradedWebSockets(browser); // discard what came before
    browser.get(hub.baseUrl() + "/user/" + STUDENT + "/notebooks/mass.ipynb");
    runFirstCodeCellAndExpect(wait, EXPECTED_OUTPUT);

    assertThat(Browser.upgradedWebSockets(browser))
        .as("the execution WebSocket went through the gateway's proxy")
        .anyMatch(url -> url.startsWith("wss://localhost:" + httpsPort + "/user/" + STUDENT + "/"));
    waitUntil(() -> Files.readString(notebook).contains(EXPECTED_OUTPUT), Duration.ofSeconds(30),
        "the cell's output is saved into the notebook file");

    // The hub process goes away and comes back; the student's server keeps running meanwhile.
    hub.stop();
    assertThat(worker.isRunning()).as("stopping the hub leaves user servers running").isTrue();
    hub = new HubProcess(config, work.resolve("hub-2.log"), httpsPort,
        Map.of("ENJOY_CULLER__TIMEOUT", "8s", "ENJOY_CULLER__EVERY", "1s")).start(Duration.ofSeconds(120));

    browser.get(hub.baseUrl() + "/user/" + STUDENT + "/notebooks/mass.ipynb");
    runFirstCodeCellAndExpect(wait, EXPECTED_OUTPUT);
    assertThat(worker.isRunning()).as("the re-adopted server is the same one").isTrue();

    // Leave the notebook; with nothing proxied the culler stops the server after 8 s.
    browser.get(hub.baseUrl() + "/hub/home");
    waitUntil(() -> !worker.isRunning(), Duration.ofSeconds(90), "the idle server is culled");
    browser.navigate().refresh();
    wait.until(d -> "stopped".equals(d.findElement(By.id("server-state")).getText().trim()));
  }

  private void runFirstCodeCellAndExpect(WebDriverWait wait, String expected) {
    WebElement cell = wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("div.cell[data-cell-type=code]")));
    wait.until(d -> "idle".equals(d.findElement(By.id("kernel-status")).getText().trim()));
    cell.findElement(By.cssSelector("textarea.cell-source")).sendKeys(Keys.END);
    cell.findElement(By.cssSelector("button.run-cell")).click();
    new WebDriverWait(browser, Duration.ofSeconds(60))
        .until(d -> cell.findElement(By.cssSelector("div.cell-output")).getText().contains(expected));
  }

  static Path writeNotebook(Path homeDir, String name, String code) throws Exception {
    String source = code.lines().map(l -> "    " + io.vertx.core.json.Json.encode(l + "\n")).reduce((a, b) -> a + ",\n" + b).orElse("");
    source = source.substring(0, source.length() - 3) + "\"";
    String json = "{\n \"cells\": [\n  {\n   \"cell_type\": \"markdown\",\n   \"id\": \"intro\",\n   \"metadata\": {},\n"
        + "   \"source\": [\n    \"# Invariant mass\\n\",\n    \"The mass of a top-quark candidate.\"\n   ]\n  },\n"
        + "  {\n   \"cell_type\": \"code\",\n   \"execution_count\": null,\n   \"id\": \"mass\",\n   \"metadata\": {},\n"
        + "   \"outputs\": [],\n   \"source\": [\n" + source.replace("    \"", "    \"") + "\n   ]\n  }\n ],\n"
        + " \"metadata\": {\n  \"kernelspec\": {\n   \"display_name\": \"Java\",\n   \"language\": \"java\",\n   \"name\": \"java\"\n  }\n },\n"
        + " \"nbformat\": 4,\n \"nbformat_minor\": 5\n}\n";
    Path file = homeDir.resolve(name);
    Files.writeString(file, json, StandardCharsets.UTF_8);
    UserPrincipal owner = Files.getOwner(homeDir);
    Files.setOwner(file, owner);
    return file;
  }

  interface Check {
    boolean ok() throws Exception;
  }

  static void waitUntil(Check check, Duration timeout, String what) throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (check.ok()) {
        return;
      }
      Thread.sleep(250);
    }
    throw new AssertionError("timed out after " + timeout + " waiting until " + what);
  }

  static Stream<Path> children(Path dir) throws Exception {
    return Files.list(dir);
  }
}
