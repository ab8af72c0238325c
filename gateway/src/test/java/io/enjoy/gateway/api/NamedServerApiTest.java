package io.enjoy.gateway.api;

import static io.vertx.core.http.HttpMethod.DELETE;
import static io.vertx.core.http.HttpMethod.GET;
import static io.vertx.core.http.HttpMethod.POST;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Named servers: {@code /users/{name}/servers/{server_name}} with a limit of 2 per user ({@link ApiHarness#OPTIONS}). */
class NamedServerApiTest {
  private ApiHarness api;
  private String alice;

  @BeforeEach
  void start(@TempDir Path dataDir) {
    api = new ApiHarness(dataDir);
    alice = api.token("alice");
  }

  @AfterEach
  void stop() {
    api.close();
  }

  @Test
  void aNamedServerStartsBesideTheDefaultOneAndShowsInTheUserModel() {
    JsonObject gpu = api.json(POST, "/hub/api/users/alice/servers/gpu", alice, null, 201);
    assertEquals("gpu", gpu.getString("name"));
    assertEquals("/user/alice/gpu/", gpu.getString("url"));
    assertEquals("/hub/api/users/alice/servers/gpu/progress", gpu.getString("progress_url"));
    assertEquals(true, gpu.getBoolean("ready"));
    api.json(POST, "/hub/api/users/alice/server", alice, null, 201);

    JsonObject model = api.json(GET, "/hub/api/users/alice", alice, null, 200);
    assertEquals(List.of("", "gpu"), model.getJsonObject("servers").fieldNames().stream().sorted().toList());
    assertEquals("/user/alice/", model.getString("server"), "server is the default server's URL");
    assertEquals("gpu", api.spawner.starts.get(0).key().server());
    assertEquals(true, api.json(GET, "/hub/api/users/alice/servers/gpu", alice, null, 200).getBoolean("ready"));
    api.json(POST, "/hub/api/users/alice/servers/gpu", alice, null, 400);
  }

  @Test
  void theLimitCountsRunningNamedServersAndAStoppedOneFreesASlot() {
    api.json(POST, "/hub/api/users/alice/servers/one", alice, null, 201);
    api.json(POST, "/hub/api/users/alice/servers/two", alice, null, 201);

    JsonObject refused = api.json(POST, "/hub/api/users/alice/servers/three", alice, null, 400);
    assertTrue(refused.getString("message").contains("maximum of 2 named servers"), refused.encode());
    assertEquals(2, api.spawner.starts.size(), "nothing was started for the refused one");

    assertEquals(204, api.call(DELETE, "/hub/api/users/alice/servers/one", alice, null).statusCode());
    api.json(POST, "/hub/api/users/alice/servers/three", alice, null, 201);
    api.json(POST, "/hub/api/users/alice/server", alice, null, 201);
  }

  @Test
  void removeForgetsAStoppedNamedServerButStopKeepsIt() {
    api.json(POST, "/hub/api/users/alice/servers/gpu", alice, null, 201);
    assertEquals(204, api.call(DELETE, "/hub/api/users/alice/servers/gpu", alice, null).statusCode());
    assertEquals(true, api.json(GET, "/hub/api/users/alice/servers/gpu", alice, null, 200).getBoolean("stopped"));
    assertTrue(api.json(GET, "/hub/api/users/alice?include_stopped_servers", alice, null, 200).getJsonObject("servers").containsKey("gpu"));

    assertEquals(204, api.call(DELETE, "/hub/api/users/alice/servers/gpu", alice, new JsonObject().put("remove", true)).statusCode());
    assertEquals(404, api.call(GET, "/hub/api/users/alice/servers/gpu", alice, null).statusCode());
    assertFalse(api.json(GET, "/hub/api/users/alice?include_stopped_servers", alice, null, 200).getJsonObject("servers").containsKey("gpu"));
    api.json(DELETE, "/hub/api/users/alice/server", alice, new JsonObject().put("remove", true), 400);
  }

  @Test
  void badNamesAndOtherUsersAreRefused() {
    JsonObject bad = api.json(POST, "/hub/api/users/alice/servers/-dash", alice, null, 400);
    assertTrue(bad.getString("message").contains("-dash"), bad.encode());
    api.json(POST, "/hub/api/users/alice/servers/a%20b", alice, null, 400);
    api.json(POST, "/hub/api/users/bob/servers/gpu", alice, null, 403);
    api.json(POST, "/hub/api/users/ghost/servers/gpu", api.token("prof"), null, 404);
    assertTrue(api.spawner.starts.isEmpty());
  }

  @Test
  void progressOfANamedServerStreamsUntilReady() {
    api.spawner.startDelayMillis = 4000;
    assertEquals(202, api.call(POST, "/hub/api/users/alice/servers/gpu", alice, null).statusCode());

    String stream = api.call(GET, "/hub/api/users/alice/servers/gpu/progress", alice, null).bodyAsString();

    List<JsonObject> events = stream.lines().filter(l -> l.startsWith("data: ")).map(l -> new JsonObject(l.substring(6))).toList();
    JsonObject last = events.get(events.size() - 1);
    assertEquals(true, last.getBoolean("ready"), stream);
    assertEquals(100, last.getInteger("progress"));
    assertEquals("/user/alice/gpu/", last.getString("url"));
  }

  @Test
  void aConfiguredLimitOfZeroTurnsNamedServersOff(@TempDir Path otherDataDir) {
    try (ApiHarness off = new ApiHarness(otherDataDir, 0)) {
      JsonObject refused = off.json(POST, "/hub/api/users/alice/servers/gpu", off.token("alice"), null, 400);
      assertTrue(refused.getString("message").contains("not enabled"), refused.encode());
      off.json(POST, "/hub/api/users/alice/server", off.token("alice"), null, 201);
    }
  }
}
