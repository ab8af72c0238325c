package io.enjoy.gateway.api;

import static io.vertx.core.http.HttpMethod.GET;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.enjoy.gateway.testing.Await;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.client.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The served OpenAPI description matches the API: every documented operation answers with one
 * of its documented statuses (never "no such endpoint"), and every route the API has is documented.
 */
class OpenApiTest {
  /** Bodies that make the documented operations succeed (as the admin prof, on alice and group physics). */
  private static final Map<String, JsonObject> BODIES = Map.of(
      "POST /users", new JsonObject().put("usernames", new JsonArray().add("newcomer")),
      "PATCH /users/{name}", new JsonObject().put("admin", false),
      "POST /users/{name}/activity", new JsonObject().put("last_activity", "2026-01-01T00:00:00Z"),
      "POST /users/{name}/tokens", new JsonObject().put("note", "openapi"),
      "POST /groups", new JsonObject().put("groups", new JsonArray().add("chemistry")),
      "POST /groups/{name}/users", new JsonObject().put("users", new JsonArray().add("bob")),
      "DELETE /groups/{name}/users", new JsonObject().put("users", new JsonArray().add("bob")),
      "POST /groups/{name}/instructors", new JsonObject().put("users", new JsonArray().add("carol")),
      "DELETE /groups/{name}/instructors", new JsonObject().put("users", new JsonArray().add("carol")));

  private ApiHarness api;
  private JsonObject document;

  @BeforeEach
  void start(@TempDir Path dataDir) {
    api = new ApiHarness(dataDir);
    HttpResponse<Buffer> served = api.call(GET, "/hub/api/openapi.json", null, null);
    assertEquals(200, served.statusCode());
    document = served.bodyAsJsonObject();
  }

  @AfterEach
  void stop() {
    api.close();
  }

  @Test
  void everyDocumentedOperationAnswersWithADocumentedStatus() {
    assertTrue(document.getString("openapi").startsWith("3."));
    String prof = api.token("prof");
    String tokenId = api.json(HttpMethod.POST, "/hub/api/users/alice/tokens", prof, new JsonObject(), 201).getString("id");
    List<String[]> deletes = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    JsonObject paths = document.getJsonObject("paths");
    for (String path : new TreeSet<>(paths.fieldNames())) {
      for (String method : paths.getJsonObject(path).fieldNames()) {
        if (method.equals("delete")) {
          deletes.add(new String[] {path, method});
        } else {
          check(prof, path, method, tokenId, problems);
        }
      }
    }
    // Deletions last and deepest first, so each still finds what it deletes.
    deletes.sort((a, b) -> b[0].length() - a[0].length());
    for (String[] delete : deletes) {
      check(prof, delete[0], delete[1], tokenId, problems);
    }
    assertEquals(List.of(), problems);
  }

  private void check(String prof, String path, String method, String tokenId, List<String> problems) {
    String concrete = "/hub/api" + (path.equals("/") ? "/" : path).replace("{server_name}", "gpu").replace("{token_id}", tokenId)
        .replace("{name}", path.startsWith("/groups") ? "physics" : "alice");
    if (path.startsWith("/groups/{name}") && !(method.equals("post") && path.equals("/groups/{name}"))) {
      Await.result(api.hub.groups().find("physics").compose(found -> found.isPresent() ? Future.succeededFuture()
          : api.hub.groups().create("physics", List.of()).mapEmpty()));
    }
    JsonObject body = BODIES.get(method.toUpperCase(Locale.ROOT) + " " + path);
    HttpResponse<Buffer> response = api.call(HttpMethod.valueOf(method.toUpperCase(Locale.ROOT)), concrete, prof, body);
    Set<String> documented = document.getJsonObject("paths").getJsonObject(path).getJsonObject(method).getJsonObject("responses").fieldNames();
    String answer = response.bodyAsString() == null ? "" : response.bodyAsString();
    if (!documented.contains(String.valueOf(response.statusCode())) || answer.contains("No such API endpoint")) {
      problems.add(method + " " + concrete + " answered " + response.statusCode() + " (documented " + documented + "): " + answer);
    }
  }

  @Test
  void everyRouteOfTheApiIsDocumented() {
    Set<String> routed = HubApi.router(api.vertx, api.hub).getRoutes().stream()
        .map(Route::getPath).filter(p -> p != null)
        .map(p -> p.replaceAll(":([a-z_]+)", "{$1}"))
        .map(p -> p.length() > 1 && p.endsWith("/") ? p.substring(0, p.length() - 1) : p)
        .collect(Collectors.toCollection(TreeSet::new));
    assertEquals(new TreeSet<>(document.getJsonObject("paths").fieldNames()), routed);
  }
}
