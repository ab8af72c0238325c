package io.enjoy.gateway.api;

import static io.vertx.core.http.HttpMethod.DELETE;
import static io.vertx.core.http.HttpMethod.GET;
import static io.vertx.core.http.HttpMethod.PATCH;
import static io.vertx.core.http.HttpMethod.POST;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.enjoy.conf.bus.ServerKey;
import io.enjoy.gateway.testing.Await;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The instructor role of a course group: carol, made instructor of {@code physics} (members
 * alice) by the admin through the API, reads members and starts and stops their servers —
 * and nothing else.
 */
class InstructorRoleTest {
  private ApiHarness api;
  private String carol;

  @BeforeEach
  void start(@TempDir Path dataDir) {
    api = new ApiHarness(dataDir);
    String prof = api.token("prof");
    api.json(POST, "/hub/api/groups/physics", prof, new JsonObject().put("users", new JsonArray().add("alice")), 201);
    JsonObject group = api.json(POST, "/hub/api/groups/physics/instructors", prof, new JsonObject().put("users", new JsonArray().add("carol")), 200);
    assertEquals(new JsonArray().add("carol"), group.getJsonArray("instructors"));
    carol = api.token("carol");
  }

  @AfterEach
  void stop() {
    api.close();
  }

  @Test
  void anInstructorReadsMembersAndStartsAndStopsTheirServers() {
    JsonObject alice = api.json(GET, "/hub/api/users/alice", carol, null, 200);
    assertEquals(new JsonArray().add("physics"), alice.getJsonArray("groups"));

    JsonObject started = api.json(POST, "/hub/api/users/alice/server", carol, null, 201);
    assertEquals("/user/alice/", started.getString("url"));
    assertEquals(1, api.spawner.starts.size());
    assertEquals(204, api.call(DELETE, "/hub/api/users/alice/server", carol, null).statusCode());
    assertEquals(1, api.spawner.stops.size());

    JsonArray visible = api.call(GET, "/hub/api/users", carol, null).bodyAsJsonArray();
    assertEquals(List.of("alice"), visible.stream().map(u -> ((JsonObject) u).getString("name")).toList(),
        "the user list shows the group's members only");
    assertEquals(List.of("physics"), api.call(GET, "/hub/api/groups", carol, null).bodyAsJsonArray().stream()
        .map(g -> ((JsonObject) g).getString("name")).toList());
    JsonObject whoami = api.json(GET, "/hub/api/user", carol, null, 200);
    assertTrue(whoami.getJsonArray("roles").contains("instructor"), whoami.encode());
  }

  @Test
  void anInstructorCanDoNothingElse() {
    assertEquals(403, api.call(GET, "/hub/api/users/bob", carol, null).statusCode(), "bob is not in the group");
    assertEquals(403, api.call(POST, "/hub/api/users/bob/server", carol, null).statusCode());
    assertEquals(403, api.call(GET, "/hub/api/users/alice/tokens", carol, null).statusCode());
    assertEquals(403, api.call(POST, "/hub/api/users/alice/tokens", carol, new JsonObject()).statusCode());
    assertEquals(403, api.call(DELETE, "/hub/api/users/alice", carol, null).statusCode());
    assertEquals(403, api.call(PATCH, "/hub/api/users/alice", carol, new JsonObject().put("admin", true)).statusCode());
    assertEquals(403, api.call(POST, "/hub/api/users/newcomer", carol, null).statusCode());
    assertEquals(403, api.call(DELETE, "/hub/api/groups/physics", carol, null).statusCode());
    assertEquals(403, api.call(POST, "/hub/api/groups/chemistry", carol, null).statusCode());
    assertEquals(403, api.call(GET, "/hub/api/metrics", carol, null).statusCode());
    assertEquals(403, api.call(POST, "/hub/api/users/alice/activity", carol,
        new JsonObject().put("last_activity", java.time.Instant.now().toString())).statusCode());
    assertTrue(api.spawner.starts.isEmpty());
  }

  @Test
  void leavingTheRoleOrTheGroupEndsTheReachAtOnce() {
    Await.result(api.hub.servers().start(ServerKey.defaultServer("alice")));
    api.json(DELETE, "/hub/api/groups/physics/users", api.token("prof"), new JsonObject().put("users", new JsonArray().add("alice")), 200);
    assertEquals(403, api.call(DELETE, "/hub/api/users/alice/server", carol, null).statusCode());

    api.json(POST, "/hub/api/groups/physics/users", api.token("prof"), new JsonObject().put("users", new JsonArray().add("alice")), 200);
    api.json(DELETE, "/hub/api/groups/physics/instructors", api.token("prof"), new JsonObject().put("users", new JsonArray().add("carol")), 200);
    assertEquals(403, api.call(GET, "/hub/api/users/alice", carol, null).statusCode());
    assertTrue(Await.result(api.hub.servers().status(ServerKey.defaultServer("alice"))).ready(), "alice's server is untouched");
  }
}
