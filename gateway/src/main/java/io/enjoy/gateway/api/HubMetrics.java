package io.enjoy.gateway.api;

import io.enjoy.gateway.state.HubCounts;
import io.enjoy.gateway.state.HubServices;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code GET /hub/api/metrics} (and {@code /hub/metrics}): Prometheus text with JupyterHub's
 * {@code jupyterhub_*} names (hub-anchors §8). Like JupyterHub with
 * {@code authenticate_prometheus = True}, it needs the {@code read:metrics} scope (admins; give
 * Prometheus a token limited to {@code read:metrics}).
 */
final class HubMetrics {
  static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

  private final HubServices hub;

  HubMetrics(HubServices hub) {
    this.hub = hub;
  }

  void handle(RoutingContext rc) {
    ApiCaller caller = ApiAuth.caller(rc);
    if (!caller.allowsEverywhere("read:metrics")) {
      ApiResponses.error(rc, 403, ApiResponses.forbidden(caller, "read:metrics", "metrics").getMessage());
      return;
    }
    hub.directory().counts().onFailure(e -> ApiResponses.failure(rc, e)).onSuccess(counts -> {
      StringBuilder out = new StringBuilder();
      gauge(out, "jupyterhub_total_users", "Total number of users", counts.totalUsers());
      gauge(out, "jupyterhub_running_servers", "The number of user servers currently running", counts.runningServers());
      gauge(out, "jupyterhub_pending_spawns", "The number of user servers starting now (EnJoY)", counts.pendingSpawns());
      activeUsers(out, counts);
      hub.histograms().writeTo(out);
      rc.response().putHeader("Content-Type", CONTENT_TYPE).end(out.toString());
    });
  }

  private static void activeUsers(StringBuilder out, HubCounts counts) {
    out.append("# HELP jupyterhub_active_users Number of users who were active in the given time period\n")
        .append("# TYPE jupyterhub_active_users gauge\n")
        .append("jupyterhub_active_users{period=\"24h\"} ").append(counts.activeDay()).append('\n')
        .append("jupyterhub_active_users{period=\"7d\"} ").append(counts.activeWeek()).append('\n')
        .append("jupyterhub_active_users{period=\"30d\"} ").append(counts.activeMonth()).append('\n');
  }

  private static void gauge(StringBuilder out, String name, String help, long value) {
    out.append("# HELP ").append(name).append(' ').append(help).append('\n')
        .append("# TYPE ").append(name).append(" gauge\n")
        .append(name).append(' ').append(value).append('\n');
  }
}
