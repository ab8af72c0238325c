package io.enjoy.conf.bus;

import io.vertx.core.json.JsonObject;
import java.util.Objects;

/**
 * Identifies one user server: the user name as the hub knows it and the server name
 * ({@code ""} for the default server, as in JupyterHub).
 */
public record ServerKey(String user, String server) {
  public ServerKey {
    Objects.requireNonNull(user, "user");
    server = server == null ? "" : server;
  }

  public static ServerKey defaultServer(String user) {
    return new ServerKey(user, "");
  }

  /** A stable text form, used in event-bus address suffixes and logs. */
  public String id() {
    return server.isEmpty() ? user : user + "/" + server;
  }

  JsonObject writeInto(JsonObject json) {
    return json.put("user", user).put("server", server);
  }

  static ServerKey readFrom(JsonObject json) {
    return new ServerKey(json.getString("user"), json.getString("server", ""));
  }

  @Override
  public String toString() {
    return id();
  }
}
