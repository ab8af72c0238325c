package io.enjoy.gateway.servers;

/**
 * The hub's own Prometheus histograms with JupyterHub's names and buckets (hub-anchors §8):
 * {@code jupyterhub_server_spawn_duration_seconds{status}}, {@code jupyterhub_server_stop_seconds{status}}
 * and {@code jupyterhub_request_duration_seconds{method,handler,code}} for the REST API. Counted
 * in this gateway since it started, as Prometheus expects.
 */
public final class HubHistograms {
  /** JupyterHub's default spawn buckets (seconds). */
  static final double[] SPAWN_BUCKETS = {0.5, 1, 2.5, 5, 10, 15, 30, 60, 120, 180, 300, 600};
  /** Prometheus client's default buckets, which JupyterHub keeps for request durations. */
  static final double[] REQUEST_BUCKETS = {0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5, 7.5, 10};

  private final Histogram spawns = new Histogram("jupyterhub_server_spawn_duration_seconds",
      "Time taken for server spawning operation", SPAWN_BUCKETS);
  private final Histogram stops = new Histogram("jupyterhub_server_stop_seconds", "Time taken for server stopping operation", SPAWN_BUCKETS);
  private final Histogram requests = new Histogram("jupyterhub_request_duration_seconds", "Request duration for all HTTP requests",
      REQUEST_BUCKETS);

  void spawn(String status, double seconds) {
    spawns.observe("status=\"" + status + "\"", seconds);
  }

  void stop(String status, double seconds) {
    stops.observe("status=\"" + status + "\"", seconds);
  }

  /** One answered API request; {@code handler} is its route's path template, so label values stay few. */
  public void request(String method, String handler, int code, double seconds) {
    requests.observe("method=\"" + Histogram.label(method) + "\",handler=\"" + Histogram.label(handler) + "\",code=\"" + code + "\"", seconds);
  }

  /** Appends the histograms in the Prometheus text format. */
  public void writeTo(StringBuilder out) {
    spawns.writeTo(out);
    stops.writeTo(out);
    requests.writeTo(out);
  }
}
