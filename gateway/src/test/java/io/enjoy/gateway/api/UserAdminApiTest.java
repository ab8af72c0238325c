package io.enjoy.gateway.api;

import static io.vertx.core.http.HttpMethod.DELETE;
import static io.vertx.core.http.HttpMethod.GET;
import static io.vertx.core.http.HttpMethod.PATCH;
import static io.vertx.core.http.HttpMethod.POST;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.enjoy.conf.bus.ServerKey;
import io.enjoy.gateway.testing.Await;
import io.enjoy.gateway.testing.TestDb;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Creating, changing, deleting and listing users through the API, as JupyterHub answers. */
class UserAdminApiTest {
  private ApiHarness api;
  private String prof;

  @BeforeEach
  void start(@TempDir Path dataDir) {
    api = new ApiHarness(dataDir);
    prof = api.token("prof");
  }

  @AfterEach
  void stop() {
    api.close();
  }

  @Test
  void usersAreCreatedInBulkOrOneByOneAndExistingOnesAnswer409() {
    JsonArray created = api.call(POST, "/hub/api/users", prof,
        new JsonObject().put("usernames", new JsonArray().add("dave").add("Erin@uni.example"))).bodyAsJsonArray();
    assertEquals(List.of("dave", "Erin@uni.example"), created.stream().map(u -> ((JsonObject) u).getString("name")).toList());
    assertEquals(false, created.getJsonObject(0).getBoolean("admin"));

    JsonObject again = api.json(POST, "/hub/api/users", prof, new JsonObject().put("usernames", new JsonArray().add("dave")), 409);
    assertTrue(again.getString("message").contains("already exist"), again.encode());

    JsonObject frank = api.json(POST, "/hub/api/users/frank", prof, new JsonObject().put("admin", true), 201);
    assertEquals(true, frank.getBoolean("admin"));
    assertEquals(new JsonArray().add("user").add("admin"), frank.getJsonArray("roles"));
    api.json(POST, "/hub/api/users/frank", prof, null, 409);
  }

  @Test
  void aBadNameInABatchCreatesNobody() {
    JsonObject refused = api.json(POST, "/hub/api/users", prof,
        new JsonObject().put("usernames", new JsonArray().add("gina").add("a/b")), 400);
    assertTrue(refused.getString("message").contains("a/b"), refused.encode());
    assertEquals(404, api.call(GET, "/hub/api/users/gina", prof, null).statusCode());
    api.json(POST, "/hub/api/users", prof, new JsonObject().put("usernames", "gina"), 400);
    api.json(POST, "/hub/api/users", prof, new JsonObject(), 400);
  }

  @Test
  void anAdminGrantsAndTakesTheAdminFlag() {
    assertEquals(true, api.json(PATCH, "/hub/api/users/alice", prof, new JsonObject().put("admin", true), 200).getBoolean("admin"));
    assertEquals(200, api.call(GET, "/hub/api/users", api.token("alice"), null).statusCode(), "alice now acts as admin");
    assertEquals(false, api.json(PATCH, "/hub/api/users/alice", prof, new JsonObject().put("admin", false), 200).getBoolean("admin"));
    api.json(PATCH, "/hub/api/users/alice", prof, new JsonObject().put("name", "alicia"), 400);
    api.json(PATCH, "/hub/api/users/ghost", prof, new JsonObject().put("admin", true), 404);
  }

  @Test
  void deletingAUserStopsTheirServersAndRemovesEverything() {
    Await.result(api.hub.servers().start(ServerKey.defaultServer("alice")));
    String alicesToken = api.token("alice");

    assertEquals(204, api.call(DELETE, "/hub/api/users/alice", prof, null).statusCode());

    assertEquals(1, api.spawner.stops.size(), "her container was stopped");
    assertEquals(404, api.call(GET, "/hub/api/users/alice", prof, null).statusCode());
    assertEquals(403, api.call(GET, "/hub/api/user", alicesToken, null).statusCode(), "her tokens went with her");
    assertEquals(0L, Await.result(TestDb.firstRow(api.vertx, api.dataDir,
        "SELECT count(*) AS n FROM servers s JOIN users u ON u.id = s.user_id WHERE u.name = 'alice'")).getLong("n"));
    assertEquals(404, api.call(DELETE, "/hub/api/users/alice", prof, null).statusCode());
    assertEquals(403, api.call(DELETE, "/hub/api/users/bob", api.token("carol"), null).statusCode());
    assertEquals(400, api.call(DELETE, "/hub/api/users/prof", prof, null).statusCode(), "an admin cannot delete themselves");
  }

  @Test
  void theListFiltersByNamePrefixAndStateAndPagesWithJupyterHubsEnvelope() {
    Await.result(api.hub.directory().create(List.of("ann", "anton", "anya"), false));
    Await.result(api.hub.servers().start(ServerKey.defaultServer("anton")));

    JsonArray an = api.call(GET, "/hub/api/users?name_filter=an", prof, null).bodyAsJsonArray();
    assertEquals(List.of("ann", "anton", "anya"), an.stream().map(u -> ((JsonObject) u).getString("name")).toList());
    JsonArray active = api.call(GET, "/hub/api/users?name_filter=an&state=active", prof, null).bodyAsJsonArray();
    assertEquals(List.of("anton"), active.stream().map(u -> ((JsonObject) u).getString("name")).toList());
    assertEquals("/user/anton/", active.getJsonObject(0).getString("server"));

    JsonObject page = Await.result(api.client.get("/hub/api/users?name_filter=an&offset=1&limit=1")
        .putHeader("Authorization", "token " + prof).putHeader("Accept", "application/jupyterhub-pagination+json").send()).bodyAsJsonObject();
    assertEquals("anton", page.getJsonArray("items").getJsonObject(0).getString("name"));
    JsonObject pagination = page.getJsonObject("_pagination");
    assertEquals(3, pagination.getInteger("total"));
    assertEquals(1, pagination.getInteger("offset"));
    assertEquals("/hub/api/users?offset=2&limit=1&name_filter=an", pagination.getJsonObject("next").getString("url"));

    JsonObject last = Await.result(api.client.get("/hub/api/users?name_filter=an&offset=2&limit=1")
        .putHeader("Authorization", "token " + prof).putHeader("Accept", "application/jupyterhub-pagination+json").send()).bodyAsJsonObject();
    assertEquals(null, last.getJsonObject("_pagination").getValue("next"));
    assertEquals(400, api.call(GET, "/hub/api/users?limit=abc", prof, null).statusCode());
  }

  @Test
  void aUsersOwnActivityReportMovesTheirLastActivityForwardOnly() {
    String alice = api.token("alice");
    api.json(POST, "/hub/api/users/alice/activity", alice, new JsonObject().put("last_activity", "2026-03-01T10:00:00Z"), 200);
    api.json(POST, "/hub/api/users/alice/activity", alice, new JsonObject().put("last_activity", "2026-02-01T10:00:00Z"), 200);

    assertEquals("2026-03-01T10:00:00Z", api.json(GET, "/hub/api/users/alice", alice, null, 200).getString("last_activity"));
  }
}
