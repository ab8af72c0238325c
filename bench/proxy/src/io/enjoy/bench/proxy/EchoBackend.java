package io.enjoy.bench.proxy;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VerticleBase;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerOptions;
import java.util.Arrays;

/**
 * The backend every proxy forwards to: a path ending in {@code /100k} gets 102 400 bytes, any
 * other path 1 024 bytes; WebSocket messages are echoed unchanged. Bodies are built once so the
 * backend does as little as possible per request (it must not be what the benchmark measures).
 *
 * <p>usage: EchoBackend PORT [EVENT_LOOPS]
 */
public final class EchoBackend extends VerticleBase {
  private static final Buffer SMALL = filled(1024);
  private static final Buffer LARGE = filled(100 * 1024);
  private final int port;

  private EchoBackend(int port) {
    this.port = port;
  }

  private static Buffer filled(int size) {
    byte[] bytes = new byte[size];
    Arrays.fill(bytes, (byte) 'x');
    return Buffer.buffer(bytes);
  }

  @Override
  public Future<?> start() {
    return vertx.createHttpServer(new HttpServerOptions().setHost("127.0.0.1").setPort(port).setTcpNoDelay(true))
        .webSocketHandler(ws -> {
          ws.textMessageHandler(ws::writeTextMessage);
          ws.binaryMessageHandler(ws::writeBinaryMessage);
        })
        .requestHandler(request -> request.response()
            .putHeader("Content-Type", "application/octet-stream")
            .end(request.path().endsWith("/100k") ? LARGE.copy() : SMALL.copy()))
        .listen();
  }

  public static void main(String[] args) {
    int port = Integer.parseInt(args[0]);
    int loops = args.length > 1 ? Integer.parseInt(args[1]) : 2;
    Vertx vertx = Vertx.vertx();
    // one verticle per event loop sharing the port: Vert.x balances connections between them
    vertx.deployVerticle(() -> new EchoBackend(port), new DeploymentOptions().setInstances(loops))
        .onSuccess(id -> System.out.println("backend listening on 127.0.0.1:" + port))
        .onFailure(e -> {
          e.printStackTrace();
          System.exit(1);
        });
  }
}
