package io.enjoy.gateway;

import static io.enjoy.gateway.GatewayFixture.await;

import io.enjoy.conf.bus.Addresses;
import io.enjoy.conf.bus.PollResult;
import io.enjoy.conf.bus.SpawnProgress;
import io.enjoy.conf.bus.SpawnRequest;
import io.enjoy.conf.bus.SpawnResult;
import io.enjoy.conf.worker.WorkerContract;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Another module's part, played for the gateway's tests: a real Vert.x HTTP + WebSocket server
 * that, like the worker, refuses anything without the per-server secret and echoes what it
 * received; and a spawner on the real event bus whose "start" hands out that server's address.
 * Set {@link #failNextStart} to make the next start fail with the spawner's own words.
 */
public final class TestWorker implements AutoCloseable {
  private final Vertx vertx;
  private HttpServer server;
  private int port;
  private final List<MessageConsumer<JsonObject>> consumers = new CopyOnWriteArrayList<>();
  /** The secret the hub put into each user's SpawnRequest environment. */
  public final Map<String, String> secrets = new ConcurrentHashMap<>();
  /** Every HTTP request and WebSocket handshake the worker received, as echoed JSON. */
  public final List<JsonObject> received = new CopyOnWriteArrayList<>();
  public final AtomicReference<String> failNextStart = new AtomicReference<>();
  /** Users whose start hands out another address's port instead (a dead or hung "container"). */
  public final Map<String, Integer> portFor = new ConcurrentHashMap<>();
  /** When set, the next start publishes this progress message and waits for {@link #release} before answering. */
  public final AtomicReference<String> holdNextStartWith = new AtomicReference<>();
  private final AtomicReference<Runnable> release = new AtomicReference<>();

  public TestWorker(Vertx vertx) {
    this.vertx = vertx;
  }

  public TestWorker start() {
    listen(0);
    consumers.add(vertx.eventBus().<JsonObject>consumer(Addresses.SPAWNER_START, message -> {
      SpawnRequest request = SpawnRequest.fromJson(message.body());
      String failure = failNextStart.getAndSet(null);
      if (failure != null) {
        message.fail(500, failure);
        return;
      }
      secrets.put(secretKey(request.key().user(), request.key().server()), request.env().get(WorkerContract.SERVER_SECRET));
      Runnable answer = () -> message.reply(new SpawnResult("127.0.0.1", portFor.getOrDefault(request.key().user(), port), "test-" + request.safeName(), "local", "test-node").toJson());
      String progress = holdNextStartWith.getAndSet(null);
      if (progress == null) {
        answer.run();
      } else {
        vertx.eventBus().publish(SpawnProgress.address(request.key()), new SpawnProgress(40, progress, false).toJson());
        release.set(answer);
      }
    }));
    consumers.add(vertx.eventBus().<JsonObject>consumer(Addresses.SPAWNER_STOP, message -> message.reply(new JsonObject())));
    consumers.add(vertx.eventBus().<JsonObject>consumer(Addresses.SPAWNER_POLL,
        message -> message.reply(new PollResult(server != null, server != null, "").toJson())));
    return this;
  }

  private void listen(int wantedPort) {
    server = vertx.createHttpServer(new HttpServerOptions().setHost("127.0.0.1").setPort(wantedPort))
        .webSocketHandshakeHandler(handshake -> {
          received.add(echo("websocket", handshake.uri(), handshake.headers()));
          if (!secretMatches(handshake.path(), handshake.headers().get(WorkerContract.SECRET_HEADER))) {
            handshake.reject(403);
            return;
          }
          handshake.accept();
        })
        .webSocketHandler(ws -> ws.textMessageHandler(text -> ws.writeTextMessage("echo:" + text)))
        .requestHandler(request -> {
          JsonObject echo = echo(request.method().name(), request.uri(), request.headers());
          received.add(echo);
          if (!secretMatches(request.path(), request.getHeader(WorkerContract.SECRET_HEADER))) {
            request.response().setStatusCode(403).end("missing or wrong server secret");
            return;
          }
          if (request.path().endsWith("/toss-cookies")) {
            // a hostile worker trying to overwrite the hub's cookies, next to a cookie of its own
            request.response().headers()
                .add("Set-Cookie", "enjoy-session=planted; Path=/")
                .add("Set-Cookie", "enjoy-xsrf=planted; Path=/hub/")
                .add("Set-Cookie", "worker-own=1; Path=/user/");
          }
          request.response().putHeader("Content-Type", "application/json").end(echo.encode());
        });
    await(server.listen());
    port = server.actualPort();
  }

  /**
   * Like the workers this one stands in for: each server answers only with its own secret, under
   * its own prefix ({@code /user/<user>/} or, for a named server, {@code /user/<user>/<server>/}).
   */
  private boolean secretMatches(String path, String presented) {
    String[] segments = path.split("/");
    String expected = segments.length > 3 ? secrets.get(secretKey(segments[2], segments[3])) : null;
    if (expected == null && segments.length > 2) {
      expected = secrets.get(segments[2]);
    }
    return expected != null && expected.equals(presented);
  }

  /** Where {@link #secrets} keeps a server's secret: the user for the default server, else "user/server". */
  public static String secretKey(String user, String server) {
    return server.isEmpty() ? user : user + "/" + server;
  }

  private static JsonObject echo(String method, String uri, io.vertx.core.MultiMap headers) {
    return new JsonObject()
        .put("method", method)
        .put("uri", uri)
        .put("secrets", new io.vertx.core.json.JsonArray(headers.getAll(WorkerContract.SECRET_HEADER)))
        .put("cookie", headers.get("Cookie"))
        .put("authorization", headers.get("Authorization"))
        .put("host", headers.get("Host"))
        .put("origins", new io.vertx.core.json.JsonArray(headers.getAll("Origin")))
        .put("xForwardedFor", headers.get("X-Forwarded-For"))
        .put("xForwardedProto", headers.get("X-Forwarded-Proto"))
        .put("xForwardedHost", headers.get("X-Forwarded-Host"));
  }

  /** Lets a held start answer. */
  public void release() {
    Runnable answer = release.getAndSet(null);
    if (answer == null) {
      throw new AssertionError("no start is being held");
    }
    vertx.runOnContext(v -> answer.run());
  }

  /** Simulates a crashed worker: the port stops answering. */
  public void crash() {
    await(server.close());
    server = null;
  }

  public int port() {
    return port;
  }

  @Override
  public void close() {
    consumers.forEach(c -> await(c.unregister()));
    if (server != null) {
      await(server.close());
    }
  }
}
