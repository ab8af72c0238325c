package io.enjoy.gateway;

import static io.enjoy.gateway.GatewayFixture.await;
import static io.enjoy.gateway.GatewayFixture.expectStatus;

import io.enjoy.conf.bus.Addresses;
import io.enjoy.conf.bus.PollResult;
import io.enjoy.conf.bus.SpawnRequest;
import io.enjoy.conf.bus.SpawnResult;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClientSession;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

/**
 * The real gateway for the proxy benchmark, started the way the gateway's tests start it
 * ({@link GatewayFixture}: embedded PostgreSQL, development OIDC provider, HTTPS with a
 * self-signed certificate). A spawner on the event bus answers "start" with the benchmark
 * backend's address; a browser-like client logs in as {@code bench} through the real
 * authorization-code flow and starts the server from the home page, so {@code /user/bench/}
 * is routed exactly as for a student. Writes {@code KEY=value} lines (URL, COOKIE, CERT, KEY)
 * to OUT_FILE for the script (wrk gets the session cookie) and runs until killed.
 *
 * <p>usage: ProxyBenchGateway BACKEND_PORT OUT_FILE
 */
final class ProxyBenchGateway {
  private static final String USER = "bench";

  public static void main(String[] args) throws Exception {
    int backendPort = Integer.parseInt(args[0]);
    Path out = Path.of(args[1]);
    Path dataDir = Files.createTempDirectory("enjoy-proxy-bench");
    GatewayFixture hub = GatewayFixture.start(dataDir, List.of(USER));
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      hub.close(); // stops the embedded PostgreSQL with the gateway
      deleteQuietly(dataDir);
    }));
    var bus = hub.vertx.eventBus();
    bus.<JsonObject>consumer(Addresses.SPAWNER_START, message -> {
      SpawnRequest request = SpawnRequest.fromJson(message.body());
      message.reply(new SpawnResult("127.0.0.1", backendPort, "bench-" + request.safeName(), "local", "bench-node").toJson());
    });
    bus.<JsonObject>consumer(Addresses.SPAWNER_STOP, message -> message.reply(new JsonObject()));
    bus.<JsonObject>consumer(Addresses.SPAWNER_POLL, message -> message.reply(new PollResult(true, true, "").toJson()));

    WebClientSession browser = hub.loggedIn(USER);
    startFromHomePage(hub, browser);
    String cookie = StreamSupport.stream(browser.cookieStore().get(true, "localhost", "/user/" + USER + "/").spliterator(), false)
        .map(c -> c.name() + "=" + c.value()).collect(Collectors.joining("; "));
    HttpResponse<Buffer> probe = await(browser.getAbs(hub.url("/user/" + USER + "/1k")).send());
    expectStatus(probe, 200);
    if (probe.body().length() != 1024) {
      throw new AssertionError("expected the backend's 1 KiB body through the gateway, got " + probe.body().length() + " bytes");
    }
    Files.writeString(out, String.join("\n",
        "URL=" + hub.gateway.publicUrl(),
        "COOKIE=" + cookie,
        "CERT=" + hub.gateway.tls().certPath(),
        "KEY=" + hub.gateway.tls().keyPath(),
        "PID=" + ProcessHandle.current().pid(), ""));
    System.out.println("gateway ready at " + hub.gateway.publicUrl());
    Thread.currentThread().join(); // until SIGTERM: the shutdown hook closes everything
  }

  /** Start button → progress page → redirect to the server once the spawner answered (as UserProxyTest). */
  private static void startFromHomePage(GatewayFixture hub, WebClientSession browser) throws InterruptedException {
    String token = GatewayFixture.xsrfToken(hub.get(browser, "/hub/home").bodyAsString());
    expectStatus(hub.postForm(browser, "/hub/server/start", MultiMap.caseInsensitiveMultiMap().add("X-XSRF-TOKEN", token)), 303);
    long deadline = System.currentTimeMillis() + 30_000;
    while (System.currentTimeMillis() < deadline) {
      HttpResponse<Buffer> pending = hub.get(browser, "/hub/spawn-pending");
      if (pending.statusCode() == 302) {
        return;
      }
      Thread.sleep(100);
    }
    throw new AssertionError("the bench server did not become ready");
  }

  private static void deleteQuietly(Path dir) {
    try (var paths = Files.walk(dir)) {
      paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (Exception ignored) {
      // a temp dir left behind is harmless
    }
  }
}
