package io.enjoy.gateway.security;

import static io.enjoy.gateway.GatewayFixture.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.enjoy.conf.bus.ServerKey;
import io.enjoy.gateway.GatewayFixture;
import io.enjoy.gateway.TestWorker;
import io.enjoy.gateway.security.RawHttp.Answer;
import io.enjoy.gateway.testing.TestDb;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the token inside a user's container may do (T12) and what the database keeps of secrets (T13). */
class TokensAtRestTest {
  @TempDir
  static Path dataDir;
  static GatewayFixture hub;
  static TestWorker worker;
  static RawHttp https;
  static final ServerKey ALICE = ServerKey.defaultServer("alice");

  @BeforeAll
  static void start() {
    hub = GatewayFixture.start(dataDir, List.of("alice", "bob"));
    worker = new TestWorker(hub.vertx).start();
    https = new RawHttp(hub.gateway.tls().certPath(), hub.gateway.httpsPort());
    hub.loggedIn("alice");
    hub.loggedIn("bob");
    await(hub.gateway.hub().servers().start(ALICE));
  }

  @AfterAll
  static void stop() {
    if (worker != null) {
      worker.close();
    }
    if (hub != null) {
      hub.close();
    }
  }

  /** T12: the server token reports its own server's activity and nothing else; expired and stopped-server tokens are dead. */
  @Test
  void T12_theServerTokenInAContainerOnlyReportsItsOwnActivity() throws Exception {
    String serverToken = await(hub.gateway.hub().tokens().issueForServer(ALICE, "T12"));
    String auth = "Authorization: token " + serverToken;
    String activity = "{\"last_activity\": \"" + java.time.Instant.now() + "\"}";
    Map<String, Integer> refused = Map.of(
        "GET /hub/api/users", https.send("GET", "/hub/api/users", List.of(auth), null).status(),
        "GET /hub/api/users/bob", https.send("GET", "/hub/api/users/bob", List.of(auth), null).status(),
        "POST /hub/api/users/bob/server", https.send("POST", "/hub/api/users/bob/server", List.of(auth), "{}").status(),
        "DELETE /hub/api/users/alice/server", https.send("DELETE", "/hub/api/users/alice/server", List.of(auth), null).status(),
        "POST /hub/api/users/bob/activity", https.send("POST", "/hub/api/users/bob/activity",
            List.of(auth, "Content-Type: application/json"), activity).status());
    refused.forEach((call, status) -> assertEquals(403, status, call));
    Answer own = https.send("POST", "/hub/api/users/alice/activity", List.of(auth, "Content-Type: application/json"), activity);
    assertEquals(2, own.status() / 100, "its own activity: " + own.status() + " " + own.body());
    assertTrue(await(hub.gateway.hub().servers().status(ALICE)).ready(), "alice's server was not stopped by it");

    String shortLived = await(hub.gateway.hub().tokens().issue("alice", "T12 expiring", Duration.ofMillis(1)));
    Thread.sleep(50);
    assertEquals(403, https.send("GET", "/hub/api/user", List.of("Authorization: token " + shortLived), null).status());
    await(hub.gateway.hub().servers().start(ServerKey.defaultServer("bob")));
    String bobsServerToken = await(hub.gateway.hub().tokens().issueForServer(ServerKey.defaultServer("bob"), "T12 stopped"));
    assertEquals(200, https.send("GET", "/hub/api/user", List.of("Authorization: token " + bobsServerToken), null).status());
    await(hub.gateway.hub().servers().stop(ServerKey.defaultServer("bob"), "T12"));
    assertEquals(403, https.send("GET", "/hub/api/user", List.of("Authorization: token " + bobsServerToken), null).status(),
        "a stopped server's token is revoked");
  }

  /** T13: a dump of every table holds no API token, server token or per-server secret in the clear. */
  @Test
  void T13_theDatabaseKeepsNoSecretInTheClear() {
    String apiToken = await(hub.gateway.hub().tokens().issue("alice", "T13", null));
    String serverToken = await(hub.gateway.hub().tokens().issueForServer(ALICE, "T13"));
    String serverSecret = worker.secrets.get("alice");
    assertNotNull(serverSecret, "the hub handed the worker its secret");
    String tables = TestDb.firstRow(hub.vertx, dataDir,
        "SELECT string_agg(quote_ident(table_name), ',') FROM information_schema.tables WHERE table_schema = 'public'")
        .map(row -> row.getString(0)).toCompletionStage().toCompletableFuture().join();
    assertTrue(tables.contains("api_tokens"), tables);
    for (String table : tables.split(",")) {
      String dump = String.valueOf(await(TestDb.firstRow(hub.vertx, dataDir,
          "SELECT string_agg(t::text, E'\\n') FROM " + table + " t")).getValue(0));
      for (String secret : List.of(apiToken, serverToken, serverSecret)) {
        assertFalse(dump.contains(secret), table + " holds a secret in the clear");
      }
    }
  }
}
