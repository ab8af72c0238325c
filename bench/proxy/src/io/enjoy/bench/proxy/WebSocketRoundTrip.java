package io.enjoy.bench.proxy;

import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;

/**
 * WebSocket echo round-trip latency through one proxy: one connection, one message in flight at
 * a time (like a notebook sending an execute request and waiting), WARMUP unrecorded round trips,
 * then COUNT recorded ones. Prints {@code median_us p99_us count}.
 *
 * <p>usage: WebSocketRoundTrip ws[s]://host:port/path COUNT [COOKIE_HEADER]
 */
public final class WebSocketRoundTrip {
  private static final int WARMUP = 2000;
  private static final String MESSAGE = "x".repeat(256);

  public static void main(String[] args) {
    try {
      run(args);
      System.exit(0);
    } catch (Exception e) {
      e.printStackTrace();
      System.exit(1); // the event loop threads would otherwise keep the JVM alive
    }
  }

  private static void run(String[] args) throws Exception {
    String url = args[0];
    int count = Integer.parseInt(args[1]);
    Vertx vertx = Vertx.vertx();
    WebSocketConnectOptions options = new WebSocketConnectOptions().setAbsoluteURI(url);
    if (args.length > 2 && !args[2].isEmpty()) {
      options.addHeader("Cookie", args[2]);
    }
    // loopback against a self-signed certificate: the proxies' identity is not what is measured
    var client = vertx.createWebSocketClient(new WebSocketClientOptions().setTrustAll(true).setVerifyHost(false));
    WebSocket ws = null;
    // a fresh Vert.x backend sometimes drops the very first handshake; the proxies are not at fault
    for (int attempt = 1; ws == null; attempt++) {
      try {
        ws = client.connect(options).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
      } catch (java.util.concurrent.ExecutionException e) {
        if (attempt == 5) {
          throw e;
        }
      }
    }
    WebSocket socket = ws;
    long[] nanos = new long[count];
    Promise<Void> done = Promise.promise();
    int[] sent = {0};
    long[] sentAt = {0};
    Runnable send = () -> {
      sentAt[0] = System.nanoTime();
      socket.writeTextMessage(MESSAGE);
    };
    socket.textMessageHandler(echo -> {
      long elapsed = System.nanoTime() - sentAt[0];
      if (!MESSAGE.equals(echo)) {
        done.tryFail("echo differs: " + echo);
        return;
      }
      int n = sent[0]++;
      if (n >= WARMUP) {
        nanos[n - WARMUP] = elapsed;
      }
      if (n + 1 >= WARMUP + count) {
        done.tryComplete();
      } else {
        send.run();
      }
    });
    socket.exceptionHandler(done::tryFail);
    socket.closeHandler(v -> done.tryFail("closed by the other side"));
    vertx.runOnContext(v -> send.run());
    done.future().toCompletionStage().toCompletableFuture().get(120, TimeUnit.SECONDS);
    Arrays.sort(nanos);
    System.out.printf("%.1f %.1f %d%n", nanos[count / 2] / 1000.0, nanos[(int) Math.ceil(count * 0.99) - 1] / 1000.0, count);
  }
}
