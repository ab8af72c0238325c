package io.enjoy.gateway;

import static io.enjoy.gateway.GatewayFixture.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The REST API as clients reach it: through the whole gateway, session and XSRF handlers included. */
class HubApiThroughGatewayTest {
  @TempDir Path dataDir;
  private GatewayFixture fixture;
  private TestWorker worker;

  @BeforeEach
  void start() {
    fixture = GatewayFixture.start(dataDir, List.of("alice"));
    worker = new TestWorker(fixture.vertx).start();
  }

  @AfterEach
  void stop() {
    worker.close();
    fixture.close();
  }

  @Test
  void aLoggedInBrowserStartsItsServerThroughTheApiWithAJsonBody() {
    var alice = fixture.loggedIn("alice");
    String xsrf = GatewayFixture.xsrfToken(fixture.get(alice, "/hub/home").bodyAsString());

    HttpResponse<Buffer> started = await(alice
        .requestAbs(HttpMethod.POST, fixture.url("/hub/api/users/alice/server"))
        .putHeader("X-XSRF-TOKEN", xsrf)
        .sendJsonObject(new JsonObject()));

    assertEquals(201, started.statusCode(), started.bodyAsString());
  }

  @Test
  void startingAServerWithAJsonBodyAndATokenWorks() {
    await(fixture.gateway.hub().users().recordLogin("alice"));
    String token = await(fixture.gateway.hub().tokens().issue("alice", "api client", Duration.ofHours(1)));

    HttpResponse<Buffer> started = await(fixture.browser()
        .requestAbs(HttpMethod.POST, fixture.url("/hub/api/users/alice/server"))
        .putHeader("Authorization", "token " + token)
        .sendJsonObject(new JsonObject()));

    assertEquals(201, started.statusCode(), started.bodyAsString());
    HttpResponse<Buffer> user = await(fixture.browser()
        .requestAbs(HttpMethod.GET, fixture.url("/hub/api/users/alice"))
        .putHeader("Authorization", "token " + token).send());
    assertEquals(true, user.bodyAsJsonObject().getJsonObject("servers").getJsonObject("").getBoolean("ready"));
  }
}
