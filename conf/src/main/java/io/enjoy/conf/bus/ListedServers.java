package io.enjoy.conf.bus;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * The reply on {@link Addresses#SPAWNER_LIST}: every server this spawner node finds of
 * its hub (labelled containers, or worker processes started from its worker_dist), running or
 * not. The hub compares it with its database after a restart and removes what it does not know
 * (orphans, H-18). Proposed for {@code conf.bus} beside the other records.
 */
public record ListedServers(List<Entry> servers) {

  /** One server as the backend sees it; {@code running} false = the container exists but has exited. */
  public record Entry(ServerKey key, String containerId, String host, int port, boolean running) {
    JsonObject toJson() {
      return new JsonObject().put("user", key.user()).put("server", key.server()).put("containerId", containerId)
          .put("host", host).put("port", port).put("running", running);
    }

    static Entry fromJson(JsonObject json) {
      return new Entry(new ServerKey(json.getString("user"), json.getString("server", "")), json.getString("containerId"),
          json.getString("host"), json.getInteger("port", 0), json.getBoolean("running", false));
    }
  }

  public ListedServers {
    servers = List.copyOf(servers);
  }

  public JsonObject toJson() {
    JsonArray array = new JsonArray();
    servers.forEach(s -> array.add(s.toJson()));
    return new JsonObject().put("servers", array);
  }

  public static ListedServers fromJson(JsonObject json) {
    return new ListedServers(json.getJsonArray("servers", new JsonArray()).stream()
        .map(o -> Entry.fromJson((JsonObject) o)).toList());
  }
}
