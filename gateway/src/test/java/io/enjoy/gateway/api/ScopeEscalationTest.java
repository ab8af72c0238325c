package io.enjoy.gateway.api;

import static io.vertx.core.http.HttpMethod.GET;
import static io.vertx.core.http.HttpMethod.PATCH;
import static io.vertx.core.http.HttpMethod.POST;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.enjoy.conf.bus.ServerKey;
import io.enjoy.gateway.testing.Await;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Attempts to get more than one holds: every one must be refused (403) and leave nothing
 * behind. Group {@code physics} has the member alice and the instructor carol; bob is outside it;
 * prof is an admin.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ScopeEscalationTest {
  private ApiHarness api;

  @BeforeAll
  void start(@TempDir Path dataDir) {
    api = new ApiHarness(dataDir);
    Await.result(api.hub.groups().create("physics", List.of("alice")));
    Await.result(api.hub.groups().addInstructors("physics", List.of("carol")));
  }

  @AfterAll
  void stop() {
    api.close();
  }

  private int tokenStatus(String callerToken, String owner, String... scopes) {
    return api.call(POST, "/hub/api/users/" + owner + "/tokens", callerToken,
        new JsonObject().put("scopes", new JsonArray(List.of(scopes)))).statusCode();
  }

  @Test
  void aStudentCannotMintATokenWithScopesBeyondTheirOwn() {
    String alice = api.token("alice");
    assertEquals(403, tokenStatus(alice, "alice", "admin:users"));
    assertEquals(403, tokenStatus(alice, "alice", "read:users"), "unfiltered read:users reaches everyone");
    assertEquals(403, tokenStatus(alice, "alice", "read:users!user=bob"));
    assertEquals(403, tokenStatus(alice, "alice", "servers!group=physics"), "membership is not instructorship");
    assertEquals(403, tokenStatus(alice, "alice", "read:metrics"));
    assertEquals(201, tokenStatus(alice, "alice", "servers!server=alice/gpu"), "a narrower scope of one's own is fine");
  }

  @Test
  void aLimitedTokenCannotMintAnInheritingOrBroaderToken() {
    String limited = api.token("alice", "tokens!user=alice", "read:users!user=alice");

    assertEquals(403, api.call(POST, "/hub/api/users/alice/tokens", limited, new JsonObject()).statusCode(),
        "an inheriting token would carry all of alice's rights");
    assertEquals(403, tokenStatus(limited, "alice", "servers!user=alice"));
    assertEquals(201, tokenStatus(limited, "alice", "read:users!user=alice"));
  }

  @Test
  void anAdminCannotGiveAStudentsTokenScopesTheStudentLacks() {
    JsonObject refused = api.json(POST, "/hub/api/users/bob/tokens", api.token("prof"),
        new JsonObject().put("scopes", new JsonArray().add("admin:users")), 403);
    assertTrue(refused.getString("message").contains("admin:users"), refused.encode());
  }

  @Test
  void aTokenLosesWhatItsOwnerLoses() {
    Await.result(api.hub.directory().create(List.of("dean"), true));
    String deans = api.token("dean");
    assertEquals(200, api.call(GET, "/hub/api/users", deans, null).statusCode());

    Await.result(api.hub.directory().setAdmin("dean", false));

    assertEquals(403, api.call(GET, "/hub/api/users", deans, null).statusCode());
    assertEquals(403, api.call(GET, "/hub/api/users/alice", deans, null).statusCode());
  }

  @Test
  void aTokenWithAdminScopesOfANonAdminGrantsNothingBeyondTheOwner() {
    // Stored directly, as if an older build or a bug had let it through: rights are intersected at use.
    String forged = api.token("bob", "admin:users", "read:users");
    assertEquals(403, api.call(GET, "/hub/api/users/alice", forged, null).statusCode());
    assertEquals(403, api.call(POST, "/hub/api/users/mallory", forged, null).statusCode());
    assertEquals(200, api.call(GET, "/hub/api/users/bob", forged, null).statusCode());
  }

  @Test
  void H22_aDelegatedUserAdminCannotGrantTheAdminFlag() {
    String delegated = api.json(POST, "/hub/api/users/prof/tokens", api.token("prof"),
        new JsonObject().put("scopes", new JsonArray().add("admin:users!user=carol").add("read:users!user=carol")), 201).getString("token");
    assertEquals(200, api.call(GET, "/hub/api/users/carol", delegated, null).statusCode(), "the delegation works for what it covers");

    JsonObject refused = api.json(PATCH, "/hub/api/users/carol", delegated, new JsonObject().put("admin", true), 403);

    assertTrue(refused.getString("message").contains("admin flag"), refused.encode());
    assertFalse(Await.result(api.hub.users().find("carol")).orElseThrow().admin());
  }

  @Test
  void H22_membersOfAGroupCarryingARoleAreChangedOnlyByWhoHoldsThatRole() {
    String groupsOnly = api.json(POST, "/hub/api/users/prof/tokens", api.token("prof"),
        new JsonObject().put("scopes", new JsonArray().add("groups!group=physics")), 201).getString("token");

    JsonObject refused = api.json(POST, "/hub/api/groups/physics/users", groupsOnly,
        new JsonObject().put("users", new JsonArray().add("bob")), 403);

    assertTrue(refused.getString("message").contains("instructor role"), refused.encode());
    assertEquals(List.of("alice"), Await.result(api.hub.groups().find("physics")).orElseThrow().users());
    Await.result(api.hub.groups().create("chess-club", List.of()));
    assertEquals(200, api.call(POST, "/hub/api/groups/chess-club/users", api.json(POST, "/hub/api/users/prof/tokens", api.token("prof"),
        new JsonObject().put("scopes", new JsonArray().add("groups!group=chess-club")), 201).getString("token"),
        new JsonObject().put("users", new JsonArray().add("bob"))).statusCode(), "a group without a role needs only the groups scope");
  }

  @Test
  void nobodyButAnAdminChangesTheAdminFlagNotEvenTheirOwn() {
    assertEquals(403, api.call(PATCH, "/hub/api/users/alice", api.token("alice"), new JsonObject().put("admin", true)).statusCode());
    assertEquals(403, api.call(PATCH, "/hub/api/users/alice", api.token("carol"), new JsonObject().put("admin", true)).statusCode());
    assertEquals(403, api.call(POST, "/hub/api/users", api.token("alice"),
        new JsonObject().put("usernames", new JsonArray().add("sock")).put("admin", true)).statusCode());
    assertFalse(Await.result(api.hub.users().find("alice")).orElseThrow().admin());
    assertTrue(Await.result(api.hub.users().find("sock")).isEmpty());
  }

  @Test
  void aServerTokenCannotActAsItsUser() {
    String server = Await.result(api.hub.tokens().issueForServer(ServerKey.defaultServer("bob"), "server"));
    assertEquals(403, api.call(GET, "/hub/api/users/bob", server, null).statusCode());
    assertEquals(403, api.call(POST, "/hub/api/users/bob/server", server, null).statusCode());
    assertEquals(403, tokenStatus(server, "bob", "read:users!user=bob"));
    assertEquals(403, api.call(POST, "/hub/api/users/bob/activity", server,
        new JsonObject().put("servers", new JsonObject().put("other", new JsonObject().put("last_activity", Instant.now().toString()))))
        .statusCode());
    assertEquals(200, api.call(POST, "/hub/api/users/bob/activity", server,
        new JsonObject().put("servers", new JsonObject().put("", new JsonObject().put("last_activity", Instant.now().toString()))))
        .statusCode());
  }

  @Test
  void anInstructorCannotWidenTheirGroupOrTheirRole() {
    String carol = api.token("carol");
    assertEquals(403, api.call(POST, "/hub/api/groups/physics/users", carol, new JsonObject().put("users", new JsonArray().add("bob")))
        .statusCode(), "adding bob to the group would put his server in carol's reach");
    assertEquals(403, api.call(POST, "/hub/api/groups/physics/instructors", carol,
        new JsonObject().put("users", new JsonArray().add("bob"))).statusCode());
    assertEquals(403, tokenStatus(carol, "carol", "servers!user=bob"));
    assertEquals(403, tokenStatus(carol, "carol", "groups!group=physics"));
    assertEquals(403, tokenStatus(carol, "alice", "read:users!user=alice"), "instructors do not manage members' tokens");
    assertEquals(List.of("alice"), Await.result(api.hub.groups().find("physics")).orElseThrow().users());

    assertEquals(201, tokenStatus(carol, "carol", "servers!user=alice"), "a member's server is within carol's role");
    assertEquals(201, tokenStatus(carol, "carol", "read:users!group=physics"));
  }

  @Test
  void anInstructorsGroupFilteredTokenReachesMembersOnly() {
    String scoped = api.json(POST, "/hub/api/users/carol/tokens", api.token("carol"),
        new JsonObject().put("scopes", new JsonArray().add("read:users!group=physics")), 201).getString("token");
    assertEquals(200, api.call(GET, "/hub/api/users/alice", scoped, null).statusCode());
    assertEquals(403, api.call(GET, "/hub/api/users/bob", scoped, null).statusCode());
    assertEquals(403, api.call(POST, "/hub/api/users/alice/server", scoped, null).statusCode(), "the token was not given servers");
  }
}
