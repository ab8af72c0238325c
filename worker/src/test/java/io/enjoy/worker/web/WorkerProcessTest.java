package io.enjoy.worker.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.enjoy.conf.worker.WorkerContract;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The worker as the program the spawner runs: environment in, SIGTERM out, activity to the hub. */
@ExtendWith(VertxExtension.class)
class WorkerProcessTest {

  private static Process launch(Map<String, String> env, Path log) throws Exception {
    ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), WorkerContract.MAIN_CLASS);
    pb.environment().keySet().removeIf(k -> k.startsWith("JUPYTERHUB_") || k.startsWith("ENJOY_"));
    pb.environment().putAll(env);
    return pb.redirectErrorStream(true).redirectOutput(log.toFile()).start();
  }

  @Test
  void refusesToStartWithoutTheSecret(@TempDir Path dir) throws Exception {
    Path log = dir.resolve("worker.log");
    Process p = launch(Map.of(WorkerContract.SERVICE_PREFIX, "/user/alice/", WorkerContract.NOTEBOOK_DIR, dir.toString()), log);
    assertTrue(p.waitFor(30, TimeUnit.SECONDS));
    assertEquals(2, p.exitValue());
    assertTrue(Files.readString(log).contains(WorkerContract.SERVER_SECRET + " is not set"), Files.readString(log));
  }

  @Test
  void aPortInUseStopsTheStartAtOnceWithTheReason(@TempDir Path dir) throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      Path log = dir.resolve("worker.log");
      long started = System.nanoTime();
      Process p = launch(Map.of(WorkerContract.SERVICE_PREFIX, "/user/alice/", WorkerContract.SERVER_SECRET, "s",
          WorkerContract.BIND_HOST, "127.0.0.1", WorkerContract.PORT, Integer.toString(taken.getLocalPort()),
          WorkerContract.NOTEBOOK_DIR, dir.toString()), log);
      assertTrue(p.waitFor(30, TimeUnit.SECONDS));
      assertEquals(1, p.exitValue());
      assertTrue(Files.readString(log).contains("cannot start: Address already in use"), Files.readString(log));
      assertTrue(System.nanoTime() - started < Duration.ofSeconds(8).toNanos(), "no hang on the way out");
    }
  }

  @Test
  void aNewStudentsHomeShowsTheExerciseNotebookWhenTheWorkerHasStarted(@TempDir Path dir) throws Exception {
    Path home = Files.createDirectory(dir.resolve("home"));
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    Process worker = launch(Map.of(WorkerContract.SERVICE_PREFIX, "/user/alice/", WorkerContract.SERVER_SECRET, "s",
        WorkerContract.PORT, Integer.toString(port), WorkerContract.BIND_HOST, "127.0.0.1",
        WorkerContract.NOTEBOOK_DIR, home.toString()), dir.resolve("worker.log"));
    try {
      HttpClient http = HttpClient.newHttpClient();
      HttpRequest listing = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/user/alice/api/contents"))
          .header(WorkerContract.SECRET_HEADER, "s").build();
      waitFor(() -> {
        try {
          return http.send(listing, HttpResponse.BodyHandlers.ofString()).statusCode() == 200;
        } catch (java.io.IOException e) {
          return false;
        }
      }, "the worker answers api/contents");
      String body = http.send(listing, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8)).body();
      assertTrue(body.contains("\"topmass.ipynb\""), body);
      assertFalse(body.contains(".enjoy-seeded"), "the seeding marker is hidden: " + body);
    } finally {
      worker.destroyForcibly();
    }
  }

  @Test
  void reportsActivityToTheHubAndStopsItsKernelsOnSigterm(Vertx vertx, @TempDir Path dir) throws Exception {
    List<JsonObject> reports = new CopyOnWriteArrayList<>();
    List<String> auth = new CopyOnWriteArrayList<>();
    HttpServer hub = RunningWorker.await(vertx.createHttpServer().requestHandler(req -> req.body().onSuccess(body -> {
      if (req.path().equals("/hub/api/users/alice/activity")) {
        auth.add(req.getHeader("Authorization"));
        reports.add(body.toJsonObject());
      }
      req.response().setStatusCode(200).end();
    })).listen(0, "127.0.0.1"));
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    Files.writeString(dir.resolve("busy.ipynb"), "{\"cells\": [{\"cell_type\": \"code\", \"execution_count\": null, \"id\": \"c1\","
        + " \"metadata\": {}, \"outputs\": [], \"source\": \"Thread.sleep(4000);\"}], \"metadata\": {}, \"nbformat\": 4, \"nbformat_minor\": 5}\n");
    Path log = dir.resolve("worker.log");
    Process worker = launch(Map.of(
        WorkerContract.SERVICE_PREFIX, "/user/alice/", WorkerContract.SERVER_SECRET, "s",
        WorkerContract.PORT, Integer.toString(port), WorkerContract.BIND_HOST, "127.0.0.1",
        WorkerContract.NOTEBOOK_DIR, dir.toString(), WorkerContract.SERVER_NAME, "",
        WorkerContract.API_TOKEN, "worker-token", WorkerContract.ACTIVITY_INTERVAL, "1",
        WorkerContract.ACTIVITY_URL, "http://127.0.0.1:" + hub.actualPort() + "/hub/api/users/alice/activity"), log);
    try {
      HttpClient http = HttpClient.newHttpClient();
      HttpRequest status = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/user/alice/api/status"))
          .header(WorkerContract.SECRET_HEADER, "s").build();
      waitFor(() -> {
        try {
          return http.send(status, HttpResponse.BodyHandlers.ofString()).statusCode() == 200;
        } catch (java.io.IOException e) {
          return false;
        }
      }, "the worker answers api/status");
      http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/user/alice/notebooks/busy.ipynb"))
          .header(WorkerContract.SECRET_HEADER, "s").build(), HttpResponse.BodyHandlers.ofString());
      waitFor(() -> new JsonObject(http.send(status, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8)).body())
          .getInteger("kernels") == 1, "one kernel");
      List<ProcessHandle> kernels = worker.toHandle().descendants().filter(ProcessHandle::isAlive).toList();
      assertFalse(kernels.isEmpty(), "the kernel is a separate JVM");

      waitFor(() -> !reports.isEmpty(), "an activity report");
      JsonObject report = reports.get(0);
      assertEquals("token worker-token", auth.get(0));
      Instant last = Instant.parse(report.getString("last_activity"));
      assertEquals(last, Instant.parse(report.getJsonObject("servers").getJsonObject("").getString("last_activity")));

      worker.destroy(); // SIGTERM, as docker stop and the local backend send
      assertTrue(worker.waitFor(30, TimeUnit.SECONDS), "the worker exits on SIGTERM");
      waitFor(() -> kernels.stream().noneMatch(ProcessHandle::isAlive), "every kernel JVM is gone");
    } finally {
      worker.destroyForcibly();
      RunningWorker.await(hub.close());
    }
  }

  interface Check {
    boolean ok() throws Exception;
  }

  static void waitFor(Check check, String what) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (System.nanoTime() < deadline) {
      if (check.ok()) {
        return;
      }
      Thread.sleep(100);
    }
    throw new AssertionError("timed out waiting until " + what);
  }
}
