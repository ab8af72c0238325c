package io.enjoy.gateway.keycloak;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Keycloak's admin REST API, as the course staff would use it through the admin console: change
 * group membership, rename users, create users, log users out. Authenticated as the bootstrap
 * administrator of the master realm through {@code admin-cli}.
 */
final class KeycloakAdmin {
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
  private final KeycloakServer keycloak;

  KeycloakAdmin(KeycloakServer keycloak) {
    this.keycloak = keycloak;
  }

  String userId(String username) {
    JsonArray found = new JsonArray(call("GET", "/users?exact=true&username=" + encode(username), null));
    if (found.isEmpty()) {
      throw new IllegalStateException("no Keycloak user " + username);
    }
    return found.getJsonObject(0).getString("id");
  }

  String groupId(String name) {
    JsonArray found = new JsonArray(call("GET", "/groups?exact=true&search=" + encode(name), null));
    for (Object g : found) {
      if (name.equals(((JsonObject) g).getString("name"))) {
        return ((JsonObject) g).getString("id");
      }
    }
    throw new IllegalStateException("no Keycloak group " + name);
  }

  void removeFromGroup(String username, String group) {
    call("DELETE", "/users/" + userId(username) + "/groups/" + groupId(group), null);
  }

  void rename(String username, String newName) {
    call("PUT", "/users/" + userId(username), new JsonObject().put("username", newName).encode());
  }

  /** A new account (new {@code sub}) in the given group, with a password. */
  void createUser(String username, String password, String group) {
    call("POST", "/users", new JsonObject().put("username", username).put("enabled", true)
        .put("email", username + "-new@students.example.edu").put("emailVerified", true)
        .put("firstName", username).put("lastName", "New")
        .put("groups", new JsonArray().add("/" + group))
        .put("credentials", new JsonArray().add(new JsonObject().put("type", "password").put("value", password).put("temporary", false)))
        .encode());
  }

  /** The admin console's "Sign out" of a user: ends their sessions, with back-channel logout to clients. */
  void logOut(String username) {
    call("POST", "/users/" + userId(username) + "/logout", null);
  }

  private String call(String method, String path, String json) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(keycloak.baseUrl() + "/admin/realms/" + KeycloakServer.REALM + path))
        .timeout(Duration.ofSeconds(30))
        .header("Authorization", "Bearer " + adminToken())
        .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
    if (json != null) {
      request.header("Content-Type", "application/json");
    }
    HttpResponse<String> response = send(request.build());
    if (response.statusCode() / 100 != 2) {
      throw new IllegalStateException(method + " " + path + " → " + response.statusCode() + " " + response.body());
    }
    return response.body();
  }

  private String adminToken() {
    String form = "grant_type=password&client_id=admin-cli&username=" + encode(KeycloakServer.ADMIN_USER)
        + "&password=" + encode(KeycloakServer.ADMIN_PASSWORD);
    HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(keycloak.baseUrl() + "/realms/master/protocol/openid-connect/token"))
        .timeout(Duration.ofSeconds(30))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(form)).build());
    if (response.statusCode() != 200) {
      throw new IllegalStateException("Keycloak admin login → " + response.statusCode() + " " + response.body());
    }
    return new JsonObject(response.body()).getString("access_token");
  }

  private HttpResponse<String> send(HttpRequest request) {
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new IllegalStateException(request.uri() + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
