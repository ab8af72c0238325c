package io.enjoy.gateway.api;

import static io.vertx.core.http.HttpMethod.GET;
import static io.vertx.core.http.HttpMethod.HEAD;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.enjoy.conf.bus.ServerKey;
import io.enjoy.gateway.testing.Await;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code /hub/api/metrics} in Prometheus text with JupyterHub's names, and the API's health check. */
class HubMetricsTest {
  private ApiHarness api;

  @BeforeEach
  void start(@TempDir Path dataDir) {
    api = new ApiHarness(dataDir);
  }

  @AfterEach
  void stop() {
    api.close();
  }

  @Test
  void metricsCountUsersServersAndSpawnsUnderJupyterHubsNames() {
    Await.result(api.hub.servers().start(ServerKey.defaultServer("alice")));
    api.spawner.failStartWith = "no image";
    Await.failure(api.hub.servers().start(ServerKey.defaultServer("bob")));

    assertEquals(200, api.call(GET, "/hub/api/user", api.token("alice"), null).statusCode());
    HttpResponse<Buffer> response = api.call(GET, "/hub/api/metrics", api.token("prof"), null);

    assertEquals(200, response.statusCode());
    assertTrue(response.getHeader("Content-Type").startsWith("text/plain"), response.getHeader("Content-Type"));
    String text = response.bodyAsString();
    assertTrue(text.contains("\njupyterhub_total_users 4\n"), text);
    assertTrue(text.contains("\njupyterhub_running_servers 1\n"), text);
    assertTrue(text.contains("# TYPE jupyterhub_active_users gauge"), text);
    assertTrue(text.contains("jupyterhub_active_users{period=\"24h\"}"), text);
    assertTrue(text.contains("# TYPE jupyterhub_server_spawn_duration_seconds histogram"), text);
    assertTrue(text.contains("jupyterhub_server_spawn_duration_seconds_count{status=\"success\"} 1\n"), text);
    assertTrue(text.contains("jupyterhub_server_spawn_duration_seconds_count{status=\"failure\"} 1\n"), text);
    assertTrue(text.contains("jupyterhub_server_spawn_duration_seconds_bucket{status=\"success\",le=\"+Inf\"} 1\n"), text);
    assertTrue(text.contains("# TYPE jupyterhub_request_duration_seconds histogram"), text);
    assertTrue(text.contains("jupyterhub_request_duration_seconds_count{method=\"GET\",handler=\"/hub/api/user\",code=\"200\"} 1\n"), text);
  }

  @Test
  void metricsNeedTheReadMetricsScope() {
    assertEquals(403, api.call(GET, "/hub/api/metrics", api.token("alice"), null).statusCode());
    assertEquals(403, api.call(GET, "/hub/api/metrics", null, null).statusCode());
    assertEquals(200, api.call(GET, "/hub/api/metrics", api.token("prof", "read:metrics"), null).statusCode(),
        "a token limited to read:metrics is what Prometheus should get");
    assertEquals(403, api.call(GET, "/hub/api/users", api.token("prof", "read:metrics"), null).statusCode());
  }

  @Test
  void healthAnswersWithoutCredentials() {
    assertEquals(200, api.call(GET, "/hub/api/health", null, null).statusCode());
    assertEquals(200, api.call(HEAD, "/hub/api/health", null, null).statusCode());
  }
}
