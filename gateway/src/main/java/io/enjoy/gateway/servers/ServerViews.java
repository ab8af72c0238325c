package io.enjoy.gateway.servers;

import io.enjoy.conf.bus.ServerKey;
import io.vertx.core.json.JsonObject;
import java.time.Instant;

/** Turns rows into {@link ServerView}s, adding this gateway's not yet flushed proxy activity. */
final class ServerViews {
  private final InMemoryRouteTable table;

  ServerViews(InMemoryRouteTable table) {
    this.table = table;
  }

  ServerView of(ServerRow row) {
    boolean stopped = ServerRow.STOPPED.equals(row.state());
    JsonObject state = new JsonObject();
    if (!stopped) {
      state.put("container_id", row.containerId()).put("node", row.node()).put("backend", row.backend());
    }
    return new ServerView(
        row.key().server(),
        row.running(),
        row.pending(),
        ServicePrefix.of(row.key()),
        progressUrl(row.key()),
        stopped ? null : row.started(),
        lastActivity(row),
        state,
        row.lastError());
  }

  ServerView neverStarted(ServerKey key) {
    return new ServerView(key.server(), false, null, ServicePrefix.of(key), progressUrl(key), null, null, new JsonObject(), null);
  }

  /** Newest of stored activity (proxy + worker) and what this gateway saw since the last flush. */
  Instant lastActivity(ServerRow row) {
    Instant stored = row.lastActivity();
    Instant recent = table.recentActivity(row.key()).orElse(null);
    if (stored == null) {
      return recent;
    }
    return recent == null ? stored : InMemoryRouteTable.newer(stored, recent);
  }

  static String progressUrl(ServerKey key) {
    String user = "/hub/api/users/" + ServicePrefix.segment(key.user());
    return key.server().isEmpty() ? user + "/server/progress" : user + "/servers/" + ServicePrefix.segment(key.server()) + "/progress";
  }
}
