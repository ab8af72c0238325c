package io.enjoy.spawner;

import static io.enjoy.spawner.DockerFixture.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.enjoy.conf.bus.ServerKey;
import io.enjoy.conf.bus.SpawnRequest;
import io.enjoy.conf.bus.SpawnResult;
import io.enjoy.conf.worker.WorkerContract;
import io.enjoy.spawner.docker.DockerBackend;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.ClientWebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The real worker image under every restriction the Docker backend applies (read-only root,
 * tmpfs /tmp, no capabilities, pids and memory limits, a non-root uid) still runs a Java cell
 * in its separate kernel JVM and saves into the mounted home.
 */
class WorkerInContainerTest {
  private final Vertx vertx = Vertx.vertx();
  private final DockerFixture engine = new DockerFixture();

  @AfterEach
  void tearDown() throws Exception {
    engine.close();
    await(vertx.close());
  }

  @Test
  void javaCellRunsInTheKernelJvmInsideTheRestrictedContainer() throws Exception {
    String image = TestWorkers.realImage();
    DockerBackend backend = TestWorkers.realImageBackend(vertx, engine);
    String name = "vera" + TestWorkers.runSuffix();
    ServerKey key = ServerKey.defaultServer(name);
    Path home = TestWorkers.newHome(name);
    Files.createDirectories(home);
    Files.writeString(home.resolve("sum.ipynb"), TestWorkers.notebookWithCodeCells("System.out.println(\"sum=\" + (40 + 2));", ""));
    SpawnRequest req = new SpawnRequest(key, name, image, home.toString(), 1234, TestWorkers.env(key, "s-vera"), 1L << 30, 1.0);
    SpawnResult result = await(backend.start(req, ProgressSink.NONE));

    List<JsonObject> events = new CopyOnWriteArrayList<>();
    Promise<Void> finished = Promise.promise();
    Promise<Void> plotted = Promise.promise();
    Promise<Void> attached = Promise.promise();
    // the handler is set before connecting: a frame that arrives before it (the snapshot) would be dropped
    // the client is held until the end: a client nothing refers to may be closed by the garbage
    // collector while the server starts (seen under load: "Client is closed" at connect)
    WebSocketClient client = vertx.createWebSocketClient();
    ClientWebSocket ws = client.webSocket();
    ws.textMessageHandler(text -> {
      JsonObject event = new JsonObject(text);
      events.add(event);
      if (event.getString("type").equals("snapshot")) {
        attached.tryComplete(); // the session is attached; the page sends nothing before this either
      }
      boolean printed = events.stream().anyMatch(e -> e.getString("type").equals("output") && e.encode().contains("sum=42"));
      boolean done = events.stream().anyMatch(e -> e.getString("type").equals("finished"));
      if ((printed && done) || event.getString("type").equals("error")) {
        finished.tryComplete();
      }
      if (event.getString("type").equals("finished") && "c2".equals(event.getString("cellId"))) {
        plotted.tryComplete();
      }
    });
    await(ws.connect(new WebSocketConnectOptions()
        .setHost(result.host()).setPort(result.port())
        .setURI("/user/" + name + "/api/kernels/ws?path=sum.ipynb")
        .putHeader(WorkerContract.SECRET_HEADER, "s-vera")));
    await(attached.future().timeout(60, java.util.concurrent.TimeUnit.SECONDS));
    ws.writeTextMessage(new JsonObject().put("type", "execute").put("cellId", "c1")
        .put("source", "System.out.println(\"sum=\" + (40 + 2) + \" charset=\" + java.nio.charset.Charset.defaultCharset()"
            + " + \" names=\" + System.getProperty(\"sun.jnu.encoding\"));").encode());
    finished.future().timeout(60, java.util.concurrent.TimeUnit.SECONDS).toCompletionStage().toCompletableFuture()
        .exceptionally(timeout -> null).get();

    assertTrue(events.stream().anyMatch(e -> e.getString("type").equals("output") && e.encode().contains("sum=42")),
        "the kernel's output arrives: " + events);
    assertEquals(List.of(), events.stream().filter(e -> e.getString("type").equals("error")).toList());
    assertTrue(events.stream().anyMatch(e -> e.encode().contains("charset=UTF-8 names=UTF-8")),
        "text and file names are UTF-8 inside the container: " + events);
    assertTrue(events.stream().anyMatch(e -> e.getString("type").equals("finished") && "ok".equals(e.getString("status"))), events.toString());
    // The course notebook's plots: the container has no fonts, so the PNG fallback cannot be
    // drawn, and the SVG must still arrive.
    ws.writeTextMessage(new JsonObject().put("type", "execute").put("cellId", "c2")
        .put("source", "display(new io.enjoy.analysis.plot.Plot(\"parabola\", \"x [GeV]\", \"y\").curve(x -> x * x, 0, 10, \"x²\"));").encode());
    plotted.future().timeout(60, java.util.concurrent.TimeUnit.SECONDS).toCompletionStage().toCompletableFuture()
        .exceptionally(timeout -> null).get();
    List<JsonObject> plotEvents = events.stream().filter(e -> "c2".equals(e.getString("cellId"))).toList();
    assertTrue(plotEvents.stream().anyMatch(e -> e.encode().contains("image/svg+xml")), "the plot arrives as SVG: " + plotEvents);
    assertTrue(plotEvents.stream().noneMatch(e -> e.encode().contains("Fontconfig") || e.encode().contains("InternalError")), plotEvents.toString());
    printMemory(result.containerId());
    await(ws.close());
    await(client.close());
    await(backend.close());
  }

  /** For the record (cgroup v1 hosts): what a server with one kernel costs. */
  private static void printMemory(String containerId) throws Exception {
    Path stat = Path.of("/sys/fs/cgroup/memory/docker", containerId, "memory.stat");
    if (Files.isReadable(stat)) {
      Files.readAllLines(stat).stream().filter(l -> l.startsWith("total_rss ") || l.startsWith("total_cache "))
          .forEach(l -> System.out.printf("worker + 1 kernel: %s = %d MiB%n", l.split(" ")[0], Long.parseLong(l.split(" ")[1]) >> 20));
    }
  }
}
