package io.enjoy.gateway.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.enjoy.conf.bus.ServerKey;
import io.enjoy.conf.worker.WorkerContract;
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
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The REST API over real HTTP, on a real hub (embedded PostgreSQL), with the test playing the
 * spawner. A stand-in for the session handler shows the session/XSRF hook: it puts the user
 * named in {@code X-Test-Session} on the context, and marks XSRF verified when
 * {@code X-Test-Xsrf-Ok} is present.
 */
class HubApiTest {
  @TempDir Path dataDir;
  private final Vertx vertx = Vertx.vertx();
  private SpawnerDouble spawner;
  private HubServices hub;
  private HttpServer server;
  private WebClient client;
  private String alice;
  private String bob;
  private String prof;

  @BeforeEach
  void start() {
    spawner = new SpawnerDouble(vertx).register();
    hub = Await.result(HubServices.start(vertx, TestConfigs.embedded(dataDir, List.of("alice", "bob"), List.of("prof")),
        new HubOptions(Duration.ofHours(1), Duration.ofSeconds(5), Duration.ofSeconds(1), Duration.ofHours(1), Clock.systemUTC())));
    for (String name : List.of("alice", "bob", "prof")) {
      Await.result(hub.users().recordLogin(name));
    }
    alice = Await.result(hub.tokens().issue("alice", "test", null));
    bob = Await.result(hub.tokens().issue("bob", "test", null));
    prof = Await.result(hub.tokens().issue("prof", "test", null));

    Router root = Router.router(vertx);
    root.route("/hub/*").handler(rc -> {
      String sessionUser = rc.request().getHeader("X-Test-Session");
      if (sessionUser == null) {
        rc.next();
        return;
      }
      hub.users().find(sessionUser).onSuccess(user -> {
        user.ifPresent(u -> rc.put(HubApi.SESSION_USER, u));
        if (rc.request().getHeader("X-Test-Xsrf-Ok") != null) {
          rc.put(HubApi.XSRF_VERIFIED, Boolean.TRUE);
        }
        rc.next();
      });
    });
    root.route("/hub/api/*").subRouter(HubApi.router(vertx, hub, Duration.ofSeconds(3)));
    server = Await.result(vertx.createHttpServer().requestHandler(root).listen(0, "127.0.0.1"));
    client = WebClient.create(vertx, new WebClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(server.actualPort()));
  }

  @AfterEach
  void close() {
    Await.result(hub.close());
    Await.result(vertx.close());
  }

  @Test
  void versionNeedsNoCredentials() {
    HttpResponse<Buffer> response = call(HttpMethod.GET, "/hub/api/", null, null);
    assertEquals(200, response.statusCode());
    assertEquals(HubApi.VERSION, response.bodyAsJsonObject().getString("version"));
  }

  @Test
  void requestsWithoutOrWithAnInvalidTokenAreRefusedWith403() {
    HttpResponse<Buffer> none = call(HttpMethod.GET, "/hub/api/users/alice", null, null);
    assertEquals(403, none.statusCode());
    assertEquals(403, none.bodyAsJsonObject().getInteger("status"));
    assertEquals(403, call(HttpMethod.GET, "/hub/api/users/alice", "token not-a-real-token-at-all", null).statusCode());
    assertEquals(403, call(HttpMethod.GET, "/hub/api/users/alice", "Basic YWxpY2U6eA==", null).statusCode());
  }

  @Test
  void userModelHasJupyterHubsShapeBeforeAndAfterStart() {
    JsonObject before = call(HttpMethod.GET, "/hub/api/users/alice", "token " + alice, null).bodyAsJsonObject();
    assertEquals("user", before.getString("kind"));
    assertEquals("alice", before.getString("name"));
    assertFalse(before.getBoolean("admin"));
    assertNull(before.getString("server"));
    assertEquals(new JsonObject(), before.getJsonObject("servers"));

    assertEquals(201, call(HttpMethod.POST, "/hub/api/users/alice/server", "token " + alice, null).statusCode());

    JsonObject after = call(HttpMethod.GET, "/hub/api/users/alice", "Bearer " + alice, null).bodyAsJsonObject();
    assertEquals("/user/alice/", after.getString("server"));
    JsonObject model = after.getJsonObject("servers").getJsonObject("");
    assertEquals("", model.getString("name"));
    assertTrue(model.getBoolean("ready"));
    assertFalse(model.getBoolean("stopped"));
    assertNull(model.getString("pending"));
    assertEquals("/user/alice/", model.getString("url"));
    assertEquals("/hub/api/users/alice/server/progress", model.getString("progress_url"));
    Instant.parse(model.getString("started"));
    assertFalse(model.containsKey("state"), "spawner state is for admins only");
    JsonObject asAdmin = call(HttpMethod.GET, "/hub/api/users/alice", "token " + prof, null).bodyAsJsonObject();
    assertTrue(asAdmin.getJsonObject("servers").getJsonObject("").getJsonObject("state").containsKey("container_id"));
  }

  @Test
  void aUserMayNotReadStartOrStopAnotherUser() {
    assertEquals(403, call(HttpMethod.GET, "/hub/api/users/bob", "token " + alice, null).statusCode());
    assertEquals(403, call(HttpMethod.POST, "/hub/api/users/bob/server", "token " + alice, null).statusCode());
    assertEquals(403, call(HttpMethod.DELETE, "/hub/api/users/bob/server", "token " + alice, null).statusCode());
    assertTrue(spawner.starts.isEmpty());
  }

  @Test
  void startAnswers201ThenAlreadyRunning400AndStopAnswers204() {
    assertEquals(201, call(HttpMethod.POST, "/hub/api/users/alice/server", "token " + alice, null).statusCode());
    HttpResponse<Buffer> again = call(HttpMethod.POST, "/hub/api/users/alice/server", "token " + alice, null);
    assertEquals(400, again.statusCode());
    assertTrue(again.bodyAsJsonObject().getString("message").contains("already running"));

    assertEquals(204, call(HttpMethod.DELETE, "/hub/api/users/alice/server", "token " + alice, null).statusCode());
    assertTrue(Await.result(hub.servers().status(ServerKey.defaultServer("alice"))).stopped());
    assertEquals(204, call(HttpMethod.DELETE, "/hub/api/users/alice/server", "token " + alice, null).statusCode(), "idempotent");
  }

  @Test
  void adminsActOnAnyoneAndGet404ForUnknownUsers() {
    assertEquals(201, call(HttpMethod.POST, "/hub/api/users/bob/server", "token " + prof, null).statusCode());
    assertEquals(404, call(HttpMethod.GET, "/hub/api/users/nobody", "token " + prof, null).statusCode());
    assertEquals(404, call(HttpMethod.POST, "/hub/api/users/nobody/server", "token " + prof, null).statusCode());
    assertEquals(404, call(HttpMethod.DELETE, "/hub/api/users/nobody/server", "token " + prof, null).statusCode());
  }

  @Test
  void adminsListUsersFilteredByStateWithJupyterHubsPagination() {
    call(HttpMethod.POST, "/hub/api/users/alice/server", "token " + alice, null);

    io.vertx.core.json.JsonArray ready = call(HttpMethod.GET, "/hub/api/users?state=ready", "token " + prof, null).bodyAsJsonArray();
    assertEquals(1, ready.size());
    assertEquals("alice", ready.getJsonObject(0).getString("name"));
    assertEquals(2, call(HttpMethod.GET, "/hub/api/users?state=inactive", "token " + prof, null).bodyAsJsonArray().size());

    HttpResponse<Buffer> paged = Await.result(client.request(HttpMethod.GET, "/hub/api/users?limit=2")
        .putHeader("Authorization", "token " + prof).putHeader("Accept", "application/jupyterhub-pagination+json").send());
    JsonObject body = paged.bodyAsJsonObject();
    assertEquals(2, body.getJsonArray("items").size());
    assertEquals(3, body.getJsonObject("_pagination").getInteger("total"));
    assertEquals(2, body.getJsonObject("_pagination").getJsonObject("next").getInteger("offset"));

    assertEquals(403, call(HttpMethod.GET, "/hub/api/users", "token " + alice, null).statusCode());
    assertEquals(400, call(HttpMethod.GET, "/hub/api/users?state=sleeping", "token " + prof, null).statusCode());
  }

  @Test
  void aSlowStartAnswers202PendingAndFinishesInTheBackground() throws Exception {
    spawner.startDelayMillis = 6000;

    HttpResponse<Buffer> response = call(HttpMethod.POST, "/hub/api/users/alice/server", "token " + alice, null);

    assertEquals(202, response.statusCode());
    assertEquals("spawn", response.bodyAsJsonObject().getString("pending"));
    long deadline = System.currentTimeMillis() + 10_000;
    while (!Await.result(hub.servers().status(ServerKey.defaultServer("alice"))).ready() && System.currentTimeMillis() < deadline) {
      Thread.sleep(100);
    }
    assertTrue(Await.result(hub.servers().status(ServerKey.defaultServer("alice"))).ready());
  }

  @Test
  void progressStreamCarriesTheSpawnersEventsAndEndsWithReady() {
    spawner.startDelayMillis = 6000;
    assertEquals(202, call(HttpMethod.POST, "/hub/api/users/alice/server", "token " + alice, null).statusCode());

    HttpResponse<Buffer> stream = call(HttpMethod.GET, "/hub/api/users/alice/server/progress", "token " + alice, null);

    assertEquals(200, stream.statusCode());
    assertEquals("text/event-stream", stream.getHeader("Content-Type"));
    List<JsonObject> events = stream.bodyAsString().lines().filter(l -> l.startsWith("data: "))
        .map(l -> new JsonObject(l.substring(6))).toList();
    assertTrue(events.stream().anyMatch(e -> "Container created".equals(e.getString("message"))), events.toString());
    JsonObject last = events.get(events.size() - 1);
    assertTrue(last.getBoolean("ready"), last.encode());
    assertEquals("/user/alice/", last.getString("url"));
  }

  @Test
  void progressOfAServerThatIsNotStartingEndsAtOnceWithItsLastError() {
    spawner.failStartWith = "pull access denied";
    call(HttpMethod.POST, "/hub/api/users/alice/server", "token " + alice, null);

    String body = call(HttpMethod.GET, "/hub/api/users/alice/server/progress", "token " + alice, null).bodyAsString();

    JsonObject event = new JsonObject(body.lines().filter(l -> l.startsWith("data: ")).reduce((a, b) -> b).orElseThrow().substring(6));
    assertTrue(event.getBoolean("failed"));
    assertTrue(event.getString("message").contains("pull access denied"), event.encode());
  }

  @Test
  void aFailedStartAnswers500WithTheSpawnersOwnMessage() {
    spawner.failStartWith = "worker exited with code 1: no space left on device";

    HttpResponse<Buffer> response = call(HttpMethod.POST, "/hub/api/users/alice/server", "token " + alice, null);

    assertEquals(500, response.statusCode());
    assertTrue(response.bodyAsJsonObject().getString("message").contains("no space left on device"), response.bodyAsString());
  }

  @Test
  void activityReportsAreValidatedAndAServerTokenReportsOnlyForItsOwnServer() {
    call(HttpMethod.POST, "/hub/api/users/alice/server", "token " + alice, null);
    call(HttpMethod.POST, "/hub/api/users/bob/server", "token " + bob, null);
    String serverToken = spawner.starts.get(0).env().get(WorkerContract.API_TOKEN);
    String at = Instant.now().plusSeconds(30).truncatedTo(java.time.temporal.ChronoUnit.MILLIS).toString();
    JsonObject body = new JsonObject().put("last_activity", at).put("servers", new JsonObject().put("", new JsonObject().put("last_activity", at)));

    HttpResponse<Buffer> reported = call(HttpMethod.POST, "/hub/api/users/alice/activity", "token " + serverToken, body);
    assertEquals(200, reported.statusCode(), reported.bodyAsString());
    assertEquals(Instant.parse(at), Await.result(hub.servers().status(ServerKey.defaultServer("alice"))).lastActivity());

    assertEquals(403, call(HttpMethod.POST, "/hub/api/users/bob/activity", "token " + serverToken, body).statusCode());
    assertEquals(403, call(HttpMethod.GET, "/hub/api/users/alice", "token " + serverToken, null).statusCode(),
        "a server token cannot act as its user");
    String future = Instant.now().plus(Duration.ofHours(2)).toString();
    HttpResponse<Buffer> tooLate = call(HttpMethod.POST, "/hub/api/users/alice/activity", "token " + serverToken,
        new JsonObject().put("servers", new JsonObject().put("", new JsonObject().put("last_activity", future))));
    assertEquals(400, tooLate.statusCode());
    assertTrue(tooLate.bodyAsJsonObject().getString("message").contains("59 minutes"));
    assertEquals(400, call(HttpMethod.POST, "/hub/api/users/alice/activity", "token " + serverToken,
        new JsonObject().put("last_activity", "yesterday")).statusCode());
  }

  @Test
  void aSessionUserMayReadButChangesStateOnlyWithAVerifiedXsrfToken() {
    HttpRequest<Buffer> read = client.request(HttpMethod.GET, "/hub/api/users/alice").putHeader("X-Test-Session", "alice");
    assertEquals(200, Await.result(read.send()).statusCode());

    HttpResponse<Buffer> noXsrf = Await.result(client.request(HttpMethod.POST, "/hub/api/users/alice/server")
        .putHeader("X-Test-Session", "alice").send());
    assertEquals(403, noXsrf.statusCode());
    assertTrue(noXsrf.bodyAsJsonObject().getString("message").contains("XSRF"));
    assertTrue(spawner.starts.isEmpty());

    HttpResponse<Buffer> withXsrf = Await.result(client.request(HttpMethod.POST, "/hub/api/users/alice/server")
        .putHeader("X-Test-Session", "alice").putHeader("X-Test-Xsrf-Ok", "1").send());
    assertEquals(201, withXsrf.statusCode());
  }

  private HttpResponse<Buffer> call(HttpMethod method, String path, String authorization, JsonObject body) {
    HttpRequest<Buffer> request = client.request(method, path);
    if (authorization != null) {
      request.putHeader("Authorization", authorization);
    }
    return Await.result(body == null ? request.send() : request.sendJsonObject(body));
  }
}
