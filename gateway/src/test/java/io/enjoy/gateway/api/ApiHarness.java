package io.enjoy.gateway.api;

import io.enjoy.conf.EnjoyConfig;
import io.enjoy.gateway.state.HubOptions;
import io.enjoy.gateway.state.HubServices;
import io.enjoy.gateway.testing.Await;
import io.enjoy.gateway.testing.SpawnerDouble;
import io.enjoy.gateway.testing.TestConfigs;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * A real hub (embedded PostgreSQL) serving the REST API over real HTTP, with the test playing
 * the spawner. Users {@code alice}, {@code bob}, {@code carol} and the admin {@code prof} have
 * logged in.
 */
final class ApiHarness implements AutoCloseable {
  static final List<String> USERS = List.of("alice", "bob", "carol");
  static final HubOptions OPTIONS = new HubOptions(Duration.ofHours(1), Duration.ofSeconds(5), Duration.ofSeconds(1), Duration.ofHours(1),
      Clock.systemUTC(), 2);

  final Vertx vertx = Vertx.vertx();
  final SpawnerDouble spawner = new SpawnerDouble(vertx).register();
  final Path dataDir;
  final HubServices hub;
  private final HttpServer server;
  final WebClient client;

  ApiHarness(Path dataDir) {
    this(dataDir, null);
  }

  /** With {@code spawner.named_server_limit} set in the configuration (and the hub's production timings) when not null. */
  ApiHarness(Path dataDir, Integer configuredNamedServerLimit) {
    this.dataDir = dataDir;
    EnjoyConfig config = TestConfigs.embedded(dataDir, USERS, List.of("prof"));
    if (configuredNamedServerLimit == null) {
      hub = Await.result(HubServices.start(vertx, config, OPTIONS));
    } else {
      EnjoyConfig.Spawner s = config.spawner();
      EnjoyConfig limited = new EnjoyConfig(config.roles(), config.dataDir(), config.gateway(), config.database(), config.auth(), config.oidc(),
          new EnjoyConfig.Spawner(s.backend(), s.image(), s.homeRoot(), s.dockerHost(), s.startTimeout(), s.httpTimeout(), s.memLimit(),
              s.cpuLimit(), s.hubUrlForWorkers(), s.workerDist(), configuredNamedServerLimit), config.culler());
      hub = Await.result(HubServices.start(vertx, limited));
    }
    for (String name : List.of("alice", "bob", "carol", "prof")) {
      Await.result(hub.users().recordLogin(name));
    }
    Router root = Router.router(vertx);
    root.route("/hub/api/*").subRouter(HubApi.router(vertx, hub, Duration.ofSeconds(3)));
    server = Await.result(vertx.createHttpServer().requestHandler(root).listen(0, "127.0.0.1"));
    client = WebClient.create(vertx, new WebClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(server.actualPort()));
  }

  /** A token of {@code user} with these scopes (none = inherit the owner's rights), made directly in the store. */
  String token(String user, String... scopes) {
    return Await.result(hub.tokens().issue(user, "test", null, List.of(scopes))).token();
  }

  HttpResponse<Buffer> call(HttpMethod method, String path, String token, Object body) {
    HttpRequest<Buffer> request = client.request(method, path);
    if (token != null) {
      request.putHeader("Authorization", "token " + token);
    }
    if (body == null) {
      return Await.result(request.send());
    }
    return Await.result(request.sendJson(body));
  }

  JsonObject json(HttpMethod method, String path, String token, Object body, int expectedStatus) {
    HttpResponse<Buffer> response = call(method, path, token, body);
    if (response.statusCode() != expectedStatus) {
      throw new AssertionError(method + " " + path + ": expected " + expectedStatus + " but got " + response.statusCode() + " "
          + response.bodyAsString());
    }
    return response.body() == null || response.body().length() == 0 ? null : response.bodyAsJsonObject();
  }

  @Override
  public void close() {
    Await.result(hub.close());
    Await.result(vertx.close());
  }
}
