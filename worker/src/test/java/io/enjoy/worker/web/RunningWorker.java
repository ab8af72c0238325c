package io.enjoy.worker.web;

import io.enjoy.conf.worker.WorkerContract;
import io.enjoy.worker.WorkerSettings;
import io.enjoy.worker.session.KernelLauncher;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** A real worker (verticle + kernel JVMs) on an ephemeral port over a real notebook directory. */
final class RunningWorker implements AutoCloseable {
  static final String PREFIX = "/user/alice/";
  static final String SECRET = "test-secret-0123456789";

  final Vertx vertx;
  final Path home;
  final int port;
  private final String deployment;
  private final HttpClient http = HttpClient.newHttpClient();

  RunningWorker(Vertx vertx, Path home) throws Exception {
    this(vertx, home, Map.of());
  }

  /** A worker with extra environment (e.g. {@link WorkerSettings#KERNEL_JAVA_OPTIONS}). */
  RunningWorker(Vertx vertx, Path home, Map<String, String> extraEnv) throws Exception {
    this.vertx = vertx;
    this.home = home;
    Map<String, String> env = new java.util.HashMap<>(Map.of(
        WorkerContract.SERVICE_PREFIX, PREFIX, WorkerContract.SERVER_SECRET, SECRET,
        WorkerContract.PORT, "0", WorkerContract.BIND_HOST, "127.0.0.1",
        WorkerContract.NOTEBOOK_DIR, home.toString()));
    env.putAll(extraEnv);
    WorkerSettings settings = WorkerSettings.fromEnv(env);
    WorkerVerticle verticle = new WorkerVerticle(settings, KernelLauncher.ofCurrentJvm(settings.kernelJavaOptions()));
    this.deployment = await(vertx.deployVerticle(verticle));
    this.port = verticle.actualPort();
  }

  static <T> T await(Future<T> f) throws Exception {
    return f.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
  }

  HttpResponse<String> get(String path, String secret) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).GET();
    if (secret != null) {
      b.header(WorkerContract.SECRET_HEADER, secret);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
  }

  HttpResponse<String> get(String path) throws Exception {
    return get(path, SECRET);
  }

  HttpResponse<String> put(String path, String body) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .header(WorkerContract.SECRET_HEADER, SECRET).PUT(HttpRequest.BodyPublishers.ofString(body)).build(),
        HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
  }

  HttpResponse<String> send(String method, String path, String body) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .header(WorkerContract.SECRET_HEADER, SECRET).header("Content-Type", "application/json")
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body)).build(),
        HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
  }

  /** Writes a notebook whose code cells (ids c1, c2, …) hold the given sources. */
  Path notebook(String name, String... codeCells) throws Exception {
    StringBuilder cells = new StringBuilder();
    for (int i = 0; i < codeCells.length; i++) {
      cells.append(i == 0 ? "" : ",").append("{\"cell_type\": \"code\", \"execution_count\": null, \"id\": \"c").append(i + 1)
          .append("\", \"metadata\": {}, \"outputs\": [], \"source\": ").append(io.vertx.core.json.Json.encode(codeCells[i])).append("}");
    }
    String json = "{\"cells\": [" + cells + "], \"metadata\": {\"kernelspec\": {\"display_name\": \"Java\", \"language\": \"java\", \"name\": \"java\"}}, \"nbformat\": 4, \"nbformat_minor\": 5}\n";
    return Files.writeString(home.resolve(name), json);
  }

  Client connect(String notebookPath) throws Exception {
    return connect(notebookPath, null);
  }

  /** Writes a notebook with one empty code cell {@code c1}, connects a view and waits for an idle kernel. */
  Client openIdle(String name) throws Exception {
    notebook(name, "");
    Client c = connect(name);
    c.awaitIdle();
    return c;
  }

  /**
   * Connects a view; {@code first} (if not null) is sent the moment the connection opens, before
   * the server can have sent the snapshot.
   */
  Client connect(String notebookPath, JsonObject first) throws Exception {
    WebSocketClient client = vertx.createWebSocketClient(new io.vertx.core.http.WebSocketClientOptions().setMaxMessageSize(64 << 20));
    WebSocketConnectOptions options = new WebSocketConnectOptions().setHost("127.0.0.1").setPort(port)
        .setURI(PREFIX + "api/kernels/ws?path=" + URLEncoder.encode(notebookPath, StandardCharsets.UTF_8))
        .addHeader(WorkerContract.SECRET_HEADER, SECRET);
    Client c = new Client();
    // The handler is set when the connection completes, on its event loop, so no early event is missed.
    c.ws = await(client.connect(options).map(ws -> {
      ws.textMessageHandler(t -> c.events.add(new JsonObject(t)));
      if (first != null) {
        ws.writeTextMessage(first.encode());
      }
      return ws;
    }));
    return c;
  }

  /** A view connected to a notebook: collects every event the session sends. */
  static final class Client implements AutoCloseable {
    final BlockingQueue<JsonObject> events = new LinkedBlockingQueue<>();
    final List<JsonObject> seen = new ArrayList<>();
    WebSocket ws;

    void send(JsonObject msg) throws Exception {
      RunningWorker.await(ws.writeTextMessage(msg.encode()));
    }

    void execute(String cellId, String source) throws Exception {
      send(new JsonObject().put("type", "execute").put("cellId", cellId).put("source", source));
    }

    /** Waits for the first event (after those already taken) that matches; fails naming what it saw. */
    JsonObject await(Predicate<JsonObject> match, Duration timeout, String what) throws Exception {
      long deadline = System.nanoTime() + timeout.toNanos();
      while (true) {
        long left = deadline - System.nanoTime();
        JsonObject e = left <= 0 ? null : events.poll(left, TimeUnit.NANOSECONDS);
        if (e == null) {
          throw new AssertionError("timed out waiting for " + what + "; events seen: " + seen);
        }
        seen.add(e);
        if (match.test(e)) {
          return e;
        }
      }
    }

    JsonObject awaitIdle() throws Exception {
      return await(e -> ("status".equals(e.getString("type")) || "snapshot".equals(e.getString("type")))
          && "idle".equals(e.getString("status")), Duration.ofSeconds(60), "kernel idle");
    }

    JsonObject awaitFinished(String cellId) throws Exception {
      return await(e -> "finished".equals(e.getString("type")) && cellId.equals(e.getString("cellId")),
          Duration.ofSeconds(60), "cell " + cellId + " finished");
    }

    /**
     * The outputs that arrived for a cell among the events seen so far, as a view shows them:
     * the kernel streams text in whatever pieces its flush timer cuts, and views (like Jupyter's
     * output area and the saved document) join consecutive pieces of the same stream.
     */
    List<JsonObject> outputs(String cellId) {
      List<JsonObject> shown = new java.util.ArrayList<>();
      seen.stream().filter(e -> "output".equals(e.getString("type")) && cellId.equals(e.getString("cellId")))
          .map(e -> e.getJsonObject("output").copy()).forEach(out -> {
            JsonObject last = shown.isEmpty() ? null : shown.get(shown.size() - 1);
            if (last != null && "stream".equals(out.getString("output_type"))
                && "stream".equals(last.getString("output_type")) && out.getString("name").equals(last.getString("name"))) {
              last.put("text", last.getString("text") + out.getString("text"));
            } else {
              shown.add(out);
            }
          });
      return shown;
    }

    @Override
    public void close() throws Exception {
      if (ws != null && !ws.isClosed()) {
        RunningWorker.await(ws.close());
      }
    }
  }

  @Override
  public void close() throws Exception {
    await(vertx.undeploy(deployment));
  }
}
