package io.enjoy.worker;

import io.enjoy.conf.worker.WorkerContract;
import io.enjoy.worker.session.KernelLauncher;
import io.enjoy.worker.web.WorkerVerticle;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * {@code WorkerMain --train}: a short run of the server for a class-data archive. Started under
 * {@code -XX:ArchiveClassesAtExit=worker.jsa} (the worker build and the image build do this), it
 * serves the pages a student's first visit asks for from a throw-away home with the exercise
 * notebook (not the notebook page itself: that would start a kernel JVM), then exits by itself,
 * so the JVM writes the archive without the build having to run curl and stop a server.
 * Servers started with {@code -XX:SharedArchiveFile=worker.jsa} then map Vert.x, Netty and the
 * worker's classes instead of parsing them into private memory. Measured with bench/worker: a
 * single local server ~3 MiB less PSS; the archive's pages are shared by every server on a
 * host, and the image build's archive made the server ready in ~1.6 s instead of ~3-4 s.
 */
final class WorkerMainTraining {
  private WorkerMainTraining() {}

  private static final String SECRET = "training";
  private static final List<String> PAGES = List.of(WorkerContract.STATUS_PATH, "", "tree/", "api/contents",
      "api/contents/" + StarterNotebooks.NAMES.get(0));

  static void run() throws Exception {
    Path home = Files.createTempDirectory("enjoy-training");
    StarterNotebooks.seed(home);
    WorkerSettings settings = WorkerSettings.fromEnv(Map.of(WorkerContract.SERVER_SECRET, SECRET,
        WorkerContract.BIND_HOST, "127.0.0.1", WorkerContract.PORT, "0", WorkerContract.NOTEBOOK_DIR, home.toString()));
    Vertx vertx = Vertx.vertx();
    WorkerVerticle verticle = new WorkerVerticle(settings, KernelLauncher.ofCurrentJvm(settings.kernelJavaOptions()));
    vertx.deployVerticle(verticle).toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    for (String page : PAGES) {
      fetch("http://127.0.0.1:" + verticle.actualPort() + "/" + page);
    }
    vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    try (var files = Files.walk(home)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
    System.out.println("enjoy worker: training run done");
  }

  private static void fetch(String url) throws IOException {
    HttpURLConnection c = (HttpURLConnection) URI.create(url).toURL().openConnection();
    c.setRequestProperty(WorkerContract.SECRET_HEADER, SECRET);
    int status = c.getResponseCode();
    if (status != 200) {
      throw new IOException("training: " + url + " answered " + status);
    }
    try (InputStream in = c.getInputStream()) {
      in.transferTo(java.io.OutputStream.nullOutputStream());
    }
  }
}
