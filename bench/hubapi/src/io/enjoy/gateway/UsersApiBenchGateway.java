package io.enjoy.gateway;

import static io.enjoy.gateway.GatewayFixture.await;

import io.enjoy.conf.ConfigLoader;
import io.enjoy.conf.EnjoyConfig;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.PemTrustOptions;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The real gateway for the users-API benchmark: embedded PostgreSQL, an admin whose API token
 * the script's load generator uses, and USERS students created through the REST API itself
 * ({@code POST /hub/api/users}, the same call the script makes to JupyterHub). Writes
 * {@code URL=}, {@code TOKEN=} and {@code CERT=} lines to OUT_FILE and runs until killed.
 *
 * <p>usage: UsersApiBenchGateway USERS OUT_FILE
 */
final class UsersApiBenchGateway {
  private static final String ADMIN = "bench-admin";
  private static final int BATCH = 500;

  public static void main(String[] args) throws Exception {
    int users = Integer.parseInt(args[0]);
    Path out = Path.of(args[1]);
    Path dataDir = Files.createTempDirectory("enjoy-users-bench");
    EnjoyConfig config = ConfigLoader.defaultsWith(Map.of(
        "roles", "gateway",
        "data_dir", dataDir.toString(),
        "gateway.bind_host", "127.0.0.1",
        "gateway.https_port", "0",
        "gateway.http_redirect_port", "-1",
        "oidc.dev_provider.port", "0",
        "auth.admin_users", ADMIN,
        "culler.enabled", "false"));
    GatewayFixture hub = GatewayFixture.start(config);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      hub.close();
      deleteQuietly(dataDir);
    }));
    await(hub.gateway.hub().users().recordLogin(ADMIN));
    String token = await(hub.gateway.hub().tokens().issue(ADMIN, "users-api benchmark", null));
    WebClient client = WebClient.create(hub.vertx, new WebClientOptions().setSsl(true)
        .setTrustOptions(new PemTrustOptions().addCertPath(hub.gateway.tls().certPath().toString())));
    long started = System.nanoTime();
    for (int from = 0; from < users; from += BATCH) {
      List<String> names = new ArrayList<>();
      for (int i = from; i < Math.min(users, from + BATCH); i++) {
        names.add(String.format("student%04d", i));
      }
      HttpResponse<Buffer> created = await(client.postAbs(hub.url("/hub/api/users"))
          .putHeader("Authorization", "token " + token)
          .sendJsonObject(new JsonObject().put("usernames", new JsonArray(names))));
      if (created.statusCode() != 201) {
        throw new IllegalStateException("creating users failed: " + created.statusCode() + " " + created.bodyAsString());
      }
    }
    System.out.printf("created %d users through the API in %.1f s%n", users, (System.nanoTime() - started) / 1e9);
    Files.writeString(out, String.join("\n",
        "URL=" + hub.gateway.publicUrl(),
        "TOKEN=" + token,
        "CERT=" + hub.gateway.tls().certPath(),
        "PID=" + ProcessHandle.current().pid(), ""));
    Thread.currentThread().join(); // until SIGTERM: the shutdown hook closes everything
  }

  private static void deleteQuietly(Path dir) {
    try (var paths = Files.walk(dir)) {
      paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (Exception e) {
      // a temporary directory left behind is harmless
    }
  }
}
