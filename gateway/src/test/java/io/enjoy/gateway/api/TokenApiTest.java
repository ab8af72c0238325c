package io.enjoy.gateway.api;

import static io.vertx.core.http.HttpMethod.DELETE;
import static io.vertx.core.http.HttpMethod.GET;
import static io.vertx.core.http.HttpMethod.POST;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.enjoy.gateway.testing.Await;
import io.enjoy.gateway.testing.TestDb;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** {@code /users/{name}/tokens} and whoami over real HTTP on a real hub, in JupyterHub's shapes. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TokenApiTest {
  private ApiHarness api;

  @BeforeAll
  void start(@TempDir Path dataDir) {
    api = new ApiHarness(dataDir);
  }

  @AfterAll
  void stop() {
    api.close();
  }

  @Test
  void aNewTokenIsShownOnceStoredOnlyAsAHashAndListedWithoutIt() {
    String alice = api.token("alice");
    JsonObject created = api.json(POST, "/hub/api/users/alice/tokens", alice,
        new JsonObject().put("note", "laptop").put("expires_in", 3600), 201);

    String token = created.getString("token");
    assertNotNull(token);
    assertEquals("api_token", created.getString("kind"));
    assertTrue(created.getString("id").matches("a\\d+"), created.getString("id"));
    assertEquals("alice", created.getString("user"));
    assertEquals("laptop", created.getString("note"));
    assertEquals(new JsonArray().add("inherit"), created.getJsonArray("scopes"));
    Duration expiresIn = Duration.between(Instant.now(), Instant.parse(created.getString("expires_at")));
    assertTrue(expiresIn.toSeconds() > 3500 && expiresIn.toSeconds() <= 3600, expiresIn.toString());

    assertEquals("alice", api.json(GET, "/hub/api/user", token, null, 200).getString("name"), "the new token works");

    JsonArray listed = api.json(GET, "/hub/api/users/alice/tokens", alice, null, 200).getJsonArray("api_tokens");
    JsonObject entry = listed.stream().map(JsonObject.class::cast).filter(t -> t.getString("id").equals(created.getString("id")))
        .findFirst().orElseThrow();
    assertFalse(entry.containsKey("token"), "a listed token never shows the secret again");
    assertEquals("laptop", api.json(GET, "/hub/api/users/alice/tokens/" + created.getString("id"), alice, null, 200).getString("note"));

    long id = Long.parseLong(created.getString("id").substring(1));
    Row row = Await.result(TestDb.firstRow(api.vertx, api.dataDir, "SELECT hash, prefix FROM api_tokens WHERE id = " + id));
    assertEquals(sha256Hex(token), row.getString("hash"));
    assertEquals(token.substring(0, 4), row.getString("prefix"));
    Row plaintext = Await.result(TestDb.firstRow(api.vertx, api.dataDir,
        "SELECT count(*) AS n FROM api_tokens WHERE hash = '" + token + "' OR note = '" + token + "'"));
    assertEquals(0L, plaintext.getLong("n"));
  }

  @Test
  void aRevokedTokenStopsWorkingAndIsGone() {
    String alice = api.token("alice");
    JsonObject created = api.json(POST, "/hub/api/users/alice/tokens", alice, new JsonObject().put("note", "to revoke"), 201);
    String path = "/hub/api/users/alice/tokens/" + created.getString("id");

    assertEquals(204, api.call(DELETE, path, alice, null).statusCode());

    assertEquals(403, api.call(GET, "/hub/api/user", created.getString("token"), null).statusCode());
    assertEquals(404, api.call(GET, path, alice, null).statusCode());
    assertEquals(404, api.call(DELETE, path, alice, null).statusCode());
    assertEquals(404, api.call(GET, "/hub/api/users/alice/tokens/not-an-id", alice, null).statusCode());
  }

  @Test
  void aTokenExpiresAfterExpiresInAndBadExpiriesAreRefused() throws InterruptedException {
    String bob = api.token("bob");
    JsonObject created = api.json(POST, "/hub/api/users/bob/tokens", bob, new JsonObject().put("expires_in", 1), 201);
    assertEquals(200, api.call(GET, "/hub/api/user", created.getString("token"), null).statusCode());

    Thread.sleep(1500);

    assertEquals(403, api.call(GET, "/hub/api/user", created.getString("token"), null).statusCode());
    JsonObject negative = api.json(POST, "/hub/api/users/bob/tokens", bob, new JsonObject().put("expires_in", -5), 400);
    assertTrue(negative.getString("message").contains("expires_in"), negative.encode());
    api.json(POST, "/hub/api/users/bob/tokens", bob, new JsonObject().put("expires_in", "soon"), 400);
  }

  @Test
  void aScopedTokenMayDoWhatItsScopesSayAndNothingMore() {
    String alice = api.token("alice");
    JsonObject created = api.json(POST, "/hub/api/users/alice/tokens", alice,
        new JsonObject().put("scopes", new JsonArray().add("read:users!user")), 201);
    assertEquals(new JsonArray().add("read:users!user=alice"), created.getJsonArray("scopes"), "!user means the owner");
    String readOnly = created.getString("token");

    JsonObject whoami = api.json(GET, "/hub/api/user", readOnly, null, 200);
    assertEquals(new JsonArray().add("read:users!user=alice"), whoami.getJsonArray("scopes"));
    assertEquals(200, api.call(GET, "/hub/api/users/alice", readOnly, null).statusCode());
    assertEquals(403, api.call(POST, "/hub/api/users/alice/server", readOnly, null).statusCode());
    assertEquals(403, api.call(GET, "/hub/api/users/alice/tokens", readOnly, null).statusCode());
  }

  @Test
  void whoamiListsTheRolesScopes() {
    JsonObject student = api.json(GET, "/hub/api/user", api.token("alice"), null, 200);
    assertEquals(new JsonArray().add("user"), student.getJsonArray("roles"));
    assertTrue(student.getJsonArray("scopes").contains("servers!user=alice"), student.encode());
    assertFalse(student.getJsonArray("scopes").contains("admin:users"), student.encode());

    JsonObject admin = api.json(GET, "/hub/api/user", api.token("prof"), null, 200);
    assertEquals(new JsonArray().add("user").add("admin"), admin.getJsonArray("roles"));
    assertTrue(admin.getJsonArray("scopes").contains("admin:users"), admin.encode());
  }

  @Test
  void tokensOfOthersAreOffLimitsExceptToAdmins() {
    String bob = api.token("bob");
    assertEquals(403, api.call(GET, "/hub/api/users/alice/tokens", bob, null).statusCode());
    assertEquals(403, api.call(POST, "/hub/api/users/alice/tokens", bob, new JsonObject()).statusCode());
    assertEquals(200, api.call(GET, "/hub/api/users/alice/tokens", api.token("prof"), null).statusCode());
    assertEquals(404, api.call(GET, "/hub/api/users/nobody/tokens", api.token("prof"), null).statusCode());
  }

  @Test
  void anUnknownScopeIsRefusedByName() {
    JsonObject refused = api.json(POST, "/hub/api/users/alice/tokens", api.token("alice"),
        new JsonObject().put("scopes", new JsonArray().add("read:everything")), 400);
    assertTrue(refused.getString("message").contains("read:everything"), refused.encode());
    assertNull(refused.getValue("token"));
  }

  private static String sha256Hex(String text) {
    try {
      return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
          .digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new AssertionError(e);
    }
  }
}
