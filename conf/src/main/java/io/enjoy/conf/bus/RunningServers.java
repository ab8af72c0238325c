package io.enjoy.conf.bus;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.List;

/** The hub's answer to {@link Addresses#HUB_SERVERS_RUNNING}: every server that is not stopped. */
public record RunningServers(List<Entry> servers) {

  /**
   * @param pending      {@code "spawn"}, {@code "stop"} or {@code null} when settled, as JupyterHub reports it
   * @param lastActivity the newest of proxied traffic and the worker's own activity reports
   */
  public record Entry(ServerKey key, Instant started, Instant lastActivity, String pending) {
    JsonObject toJson() {
      return key.writeInto(new JsonObject())
          .put("started", started.toString())
          .put("lastActivity", lastActivity.toString())
          .put("pending", pending);
    }

    static Entry fromJson(JsonObject json) {
      return new Entry(
          ServerKey.readFrom(json),
          Instant.parse(json.getString("started")),
          Instant.parse(json.getString("lastActivity")),
          json.getString("pending"));
    }
  }

  public RunningServers {
    servers = List.copyOf(servers);
  }

  public JsonObject toJson() {
    JsonArray array = new JsonArray();
    servers.forEach(s -> array.add(s.toJson()));
    return new JsonObject().put("servers", array);
  }

  public static RunningServers fromJson(JsonObject json) {
    return new RunningServers(json.getJsonArray("servers", new JsonArray()).stream()
        .map(o -> Entry.fromJson((JsonObject) o))
        .toList());
  }
}
