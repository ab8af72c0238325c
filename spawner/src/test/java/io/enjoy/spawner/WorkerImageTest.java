package io.enjoy.spawner;

import static io.enjoy.spawner.DockerFixture.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
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
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What the worker image brings a new student (issue 4, "Worker image"): the exercise notebook in
 * the empty home, a kernel JVM whose heap follows the server's memory limit, Java 25 where the
 * build machine has it, and the trained start-up caches of the server and the kernel actually
 * mapped (an unusable cache is ignored silently, so only the maps prove it is used).
 */
class WorkerImageTest {
  private final Vertx vertx = Vertx.vertx();
  private final DockerFixture engine = new DockerFixture();

  @AfterEach
  void tearDown() throws Exception {
    engine.close();
    await(vertx.close());
  }

  @Test
  void aNewHomeGetsTheExerciseNotebookAndTheKernelIsSizedFromTheMemoryLimit() throws Exception {
    String image = TestWorkers.realImage();
    DockerBackend backend = TestWorkers.realImageBackend(vertx, engine);
    String name = "nina" + TestWorkers.runSuffix();
    ServerKey key = ServerKey.defaultServer(name);
    Path home = TestWorkers.newHome(name);
    Files.createDirectories(home);
    Files.writeString(home.resolve("probe.ipynb"), TestWorkers.notebookWithCodeCells(""));
    long limit = 512L << 20;
    SpawnRequest req = new SpawnRequest(key, name, image, home.toString(), 1234, TestWorkers.env(key, "s-nina"), limit, 1.0);
    SpawnResult result = await(backend.start(req, ProgressSink.NONE));

    assertArrayEquals(Files.readAllBytes(TestWorkers.REPO.resolve("analysis/src/main/notebooks/topmass.ipynb")),
        Files.readAllBytes(home.resolve("topmass.ipynb")), "the exercise notebook is in the new home, as the analysis module ships it");

    List<JsonObject> events = new CopyOnWriteArrayList<>();
    Promise<Void> attached = Promise.promise();
    Promise<Void> finished = Promise.promise();
    // the handler is set before connecting: a frame that arrives before it (the snapshot) would be dropped
    // the client is held until the end: a client nothing refers to may be closed by the garbage
    // collector while the server starts (seen under load: "Client is closed" at connect)
    WebSocketClient client = vertx.createWebSocketClient();
    ClientWebSocket ws = client.webSocket();
    ws.textMessageHandler(text -> {
      JsonObject event = new JsonObject(text);
      events.add(event);
      switch (event.getString("type")) {
        case "snapshot" -> attached.tryComplete();
        case "finished", "error" -> finished.tryComplete();
        default -> { }
      }
    });
    await(ws.connect(new WebSocketConnectOptions()
        .setHost(result.host()).setPort(result.port())
        .setURI("/user/" + name + "/api/kernels/ws?path=probe.ipynb")
        .putHeader(WorkerContract.SECRET_HEADER, "s-nina")));
    await(attached.future().timeout(60, TimeUnit.SECONDS));
    // A process's maps list a cache only if its JVM really mapped it; the server is the container's pid 1.
    ws.writeTextMessage(new JsonObject().put("type", "execute").put("cellId", "c1")
        .put("source", String.join("\n",
            "String ext = Runtime.version().feature() >= 25 ? \".aot\" : \".jsa\";",
            "System.out.println(\"java=\" + Runtime.version().feature()",
            "    + \" kernel-cache=\" + Files.readString(Path.of(\"/proc/self/maps\")).contains(\"/opt/enjoy/kernel\" + ext)",
            "    + \" server-cache=\" + Files.readString(Path.of(\"/proc/1/maps\")).contains(\"/opt/enjoy/worker\" + ext));"))
        .encode());
    finished.future().timeout(60, TimeUnit.SECONDS).toCompletionStage().toCompletableFuture().exceptionally(timeout -> null).get();

    JsonObject done = events.stream().filter(e -> "finished".equals(e.getString("type"))).findFirst().orElseThrow(
        () -> new AssertionError("the cell did not finish: " + events));
    long heapMax = done.getJsonObject("heap").getLong("max");
    // MEM_LIMIT 512 MiB → -Xmx256m; Runtime.maxMemory() is that less one survivor space.
    assertTrue(heapMax <= 256L << 20 && heapMax > 230L << 20, "kernel heap max " + (heapMax >> 20) + " MiB at a 512 MiB limit");
    String printed = events.stream().filter(e -> "output".equals(e.getString("type"))).map(JsonObject::encode)
        .reduce("", String::concat);
    String java = Files.isExecutable(Path.of("/usr/lib/jvm/temurin-25-jdk-amd64/bin/jlink")) ? "java=25" : "java=17";
    assertTrue(printed.contains(java), "the image's Java (25 where the build machine has Temurin 25): " + events);
    assertTrue(printed.contains("kernel-cache=true"), "the kernel maps its trained start-up cache: " + events);
    assertTrue(printed.contains("server-cache=true"), "the server maps its trained start-up cache: " + events);
    await(ws.close());
    await(client.close());
    await(backend.close());
  }
}
