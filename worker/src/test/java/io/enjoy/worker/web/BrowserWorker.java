package io.enjoy.worker.web;

import io.enjoy.conf.worker.WorkerContract;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.httpproxy.HttpProxy;
import io.vertx.httpproxy.ProxyInterceptor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * What a browser test class shares: a real worker, reached through a small reverse proxy that adds
 * the server secret as the gateway does (so the page's relative URLs and its WebSocket work
 * exactly as in production), and one headless Chromium.
 */
final class BrowserWorker implements AutoCloseable {
  static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
  static final Duration WAIT = Duration.ofSeconds(60);

  final RunningWorker worker;
  final ChromeDriver browser;
  /** Where the browser saves downloads. */
  final Path downloads;
  private final HttpServer proxy;

  private BrowserWorker(RunningWorker worker, HttpServer proxy, ChromeDriver browser, Path downloads) {
    this.downloads = downloads;
    this.worker = worker;
    this.proxy = proxy;
    this.browser = browser;
  }

  /** Skips the class when Debian's chromium and chromium-driver are missing. */
  static BrowserWorker start(Vertx vertx, Path home, Path profile, Map<String, String> workerEnv) throws Exception {
    Assumptions.assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
        "Debian's chromium and chromium-driver are not installed");
    RunningWorker worker = new RunningWorker(vertx, home, workerEnv);
    HttpServer proxy = proxyTo(vertx, worker);
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    Path downloads = Files.createDirectories(profile.resolve("downloads"));
    options.setExperimentalOption("prefs", Map.of("download.default_directory", downloads.toString(),
        "download.prompt_for_download", false));
    options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
        "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
        "--user-data-dir=" + profile);
    ChromeDriver browser = new ChromeDriver(new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
        .usingAnyFreePort().build(), options);
    return new BrowserWorker(worker, proxy, browser, downloads);
  }

  /** A secret-adding proxy in front of a worker, as the gateway is. */
  static HttpServer proxyTo(Vertx vertx, RunningWorker worker) throws Exception {
    HttpProxy secretAdding = HttpProxy.reverseProxy(vertx.createHttpClient()).origin(worker.port, "127.0.0.1");
    secretAdding.addInterceptor(ProxyInterceptor.builder()
        .transformingRequestHeaders(h -> h.set(WorkerContract.SECRET_HEADER, RunningWorker.SECRET)).build(), true);
    return RunningWorker.await(vertx.createHttpServer().requestHandler(secretAdding).listen(0, "127.0.0.1"));
  }

  /** The worker's pages as the browser reaches them: {@code http://127.0.0.1:<proxy>/user/alice/}. */
  String base() {
    return "http://127.0.0.1:" + proxy.actualPort() + RunningWorker.PREFIX;
  }

  /** Waits up to a minute; elements the page replaces meanwhile (a cell re-drawn) are looked up again. */
  WebDriverWait waiting() {
    WebDriverWait wait = new WebDriverWait(browser, WAIT);
    wait.ignoring(org.openqa.selenium.StaleElementReferenceException.class);
    return wait;
  }

  /** Opens a notebook page and waits until its kernel is idle. */
  void openNotebook(String path) {
    browser.get(base() + "notebooks/" + path);
    awaitKernel("idle");
  }

  void awaitKernel(String status) {
    waiting().withMessage(() -> "kernel status is " + browser.findElement(By.id("kernel-status")).getText())
        .until(d -> status.equals(d.findElement(By.id("kernel-status")).getText().trim()));
  }

  /** Waits until the browser has finished downloading a file of this name. */
  Path downloaded(String name) throws Exception {
    Path file = downloads.resolve(name);
    KernelExecutionTest.waitFor(() -> Files.exists(file) && !Files.exists(downloads.resolve(name + ".crdownload")),
        "the browser downloaded " + name + " (downloads: " + java.util.Arrays.toString(downloads.toFile().list()) + ")");
    return file;
  }

  @Override
  public void close() throws Exception {
    try {
      browser.quit();
    } finally {
      RunningWorker.await(proxy.close());
      worker.close();
    }
  }
}
