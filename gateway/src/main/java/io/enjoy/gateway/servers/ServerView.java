package io.enjoy.gateway.servers;

import io.vertx.core.json.JsonObject;
import java.time.Instant;

/**
 * One server as the hub reports it, in JupyterHub's server-model shape
 * (hub-anchors §5): {@code name, ready, stopped, pending, url, progress_url, started,
 * last_activity, state}, plus {@code error}: the last start/stop failure in the spawner's own
 * words (for the home page; null when the last transition succeeded).
 *
 * @param name         server name, {@code ""} for the default server
 * @param ready        running and routable
 * @param pending      {@code "spawn"}, {@code "stop"} or null
 * @param url          the service prefix, e.g. {@code /user/alice/}
 * @param progressUrl  {@code /hub/api/users/<name>/server/progress}
 * @param started      when the current run started, null when stopped
 * @param lastActivity newest activity (proxy traffic or worker reports), null when never active
 * @param state        spawner state: {@code {"container_id": ..., "node": ..., "backend": ...}} (admin only; may be empty)
 * @param error        last failure message, or null
 */
public record ServerView(
    String name,
    boolean ready,
    String pending,
    String url,
    String progressUrl,
    Instant started,
    Instant lastActivity,
    JsonObject state,
    String error) {

  public boolean stopped() {
    return !ready && pending == null;
  }

  /** JupyterHub's server model. {@code includeState} = the caller has admin rights. */
  public JsonObject toJson(boolean includeState) {
    JsonObject json = new JsonObject()
        .put("name", name)
        .put("ready", ready)
        .put("stopped", stopped())
        .put("pending", pending)
        .put("url", url)
        .put("progress_url", progressUrl)
        .put("started", started == null ? null : started.toString())
        .put("last_activity", lastActivity == null ? null : lastActivity.toString())
        .put("error", error);
    if (includeState) {
      json.put("state", state == null ? new JsonObject() : state);
    }
    return json;
  }

  public JsonObject toJson() {
    return toJson(false);
  }
}
