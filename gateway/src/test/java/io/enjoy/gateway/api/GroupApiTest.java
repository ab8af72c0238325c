package io.enjoy.gateway.api;

import static io.vertx.core.http.HttpMethod.DELETE;
import static io.vertx.core.http.HttpMethod.GET;
import static io.vertx.core.http.HttpMethod.POST;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code /groups} in JupyterHub's shapes and statuses, driven by the admin prof. */
class GroupApiTest {
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
  void groupsAreCreatedFilledEmptiedAndDeleted() {
    JsonObject created = api.json(POST, "/hub/api/groups/physics", prof, new JsonObject().put("users", new JsonArray().add("alice")), 201);
    assertEquals("group", created.getString("kind"));
    assertEquals("physics", created.getString("name"));
    assertEquals(new JsonArray().add("alice"), created.getJsonArray("users"));
    api.json(POST, "/hub/api/groups/physics", prof, null, 409);

    JsonObject added = api.json(POST, "/hub/api/groups/physics/users", prof, new JsonObject().put("users", new JsonArray().add("bob")), 200);
    assertEquals(new JsonArray().add("alice").add("bob"), added.getJsonArray("users"));
    assertEquals(new JsonArray().add("physics"), api.json(GET, "/hub/api/users/bob", prof, null, 200).getJsonArray("groups"));

    JsonObject removed = api.json(DELETE, "/hub/api/groups/physics/users", prof, new JsonObject().put("users", new JsonArray().add("alice")), 200);
    assertEquals(new JsonArray().add("bob"), removed.getJsonArray("users"));

    assertEquals(204, api.call(DELETE, "/hub/api/groups/physics", prof, null).statusCode());
    assertEquals(404, api.call(GET, "/hub/api/groups/physics", prof, null).statusCode());
    assertEquals(404, api.call(DELETE, "/hub/api/groups/physics", prof, null).statusCode());
    assertEquals(new JsonArray(), api.json(GET, "/hub/api/users/bob", prof, null, 200).getJsonArray("groups"));
  }

  @Test
  void unknownUsersAreNamedAndNothingChanges() {
    api.json(POST, "/hub/api/groups/physics", prof, null, 201);
    JsonObject refused = api.json(POST, "/hub/api/groups/physics/users", prof,
        new JsonObject().put("users", new JsonArray().add("alice").add("ghost")), 400);
    assertTrue(refused.getString("message").contains("ghost"), refused.encode());
    assertEquals(new JsonArray(), api.json(GET, "/hub/api/groups/physics", prof, null, 200).getJsonArray("users"));
    api.json(POST, "/hub/api/groups/nowhere/users", prof, new JsonObject().put("users", new JsonArray().add("alice")), 404);
    api.json(POST, "/hub/api/groups/physics/users", prof, new JsonObject().put("users", "alice"), 400);
  }

  @Test
  void manyGroupsAtOnceAndAPaginatedList() {
    JsonArray created = api.call(POST, "/hub/api/groups", prof,
        new JsonObject().put("groups", new JsonArray().add("a-course").add("b-course").add("c-course"))).bodyAsJsonArray();
    assertEquals(3, created.size());
    assertEquals(409, api.call(POST, "/hub/api/groups", prof, new JsonObject().put("groups", new JsonArray().add("b-course").add("d-course")))
        .statusCode());
    assertEquals(404, api.call(GET, "/hub/api/groups/d-course", prof, null).statusCode(), "a refused batch creates nothing");

    var response = api.client.get("/hub/api/groups?offset=1&limit=1").putHeader("Authorization", "token " + prof)
        .putHeader("Accept", "application/jupyterhub-pagination+json").send();
    JsonObject body = io.enjoy.gateway.testing.Await.result(response).bodyAsJsonObject();
    assertEquals("b-course", body.getJsonArray("items").getJsonObject(0).getString("name"));
    assertEquals(3, body.getJsonObject("_pagination").getInteger("total"));
    assertEquals(2, body.getJsonObject("_pagination").getJsonObject("next").getInteger("offset"));
  }

  @Test
  void studentsSeeNoGroupsAndChangeNone() {
    api.json(POST, "/hub/api/groups/physics", prof, null, 201);
    String alice = api.token("alice");
    assertEquals(new JsonArray(), api.call(GET, "/hub/api/groups", alice, null).bodyAsJsonArray());
    assertEquals(403, api.call(GET, "/hub/api/groups/physics", alice, null).statusCode());
    assertEquals(403, api.call(POST, "/hub/api/groups/physics/users", alice, new JsonObject().put("users", new JsonArray().add("alice")))
        .statusCode());
    assertEquals(403, api.call(POST, "/hub/api/groups/mine", alice, null).statusCode());
  }
}
