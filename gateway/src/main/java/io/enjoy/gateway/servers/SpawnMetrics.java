package io.enjoy.gateway.servers;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAdder;

/**
 * How long starts and stops took, as Prometheus histograms with JupyterHub's names and buckets
 * ({@code jupyterhub_server_spawn_duration_seconds{status}}, {@code jupyterhub_server_stop_seconds{status}};
 * hub-anchors §8). Counted in this gateway since it started, as Prometheus expects.
 */
public final class SpawnMetrics {
  /** JupyterHub's default spawn buckets (seconds). */
  static final double[] BUCKETS = {0.5, 1, 2.5, 5, 10, 15, 30, 60, 120, 180, 300, 600};

  private final Map<String, Histogram> spawns = new ConcurrentHashMap<>();
  private final Map<String, Histogram> stops = new ConcurrentHashMap<>();

  void spawn(String status, double seconds) {
    spawns.computeIfAbsent(status, s -> new Histogram()).observe(seconds);
  }

  void stop(String status, double seconds) {
    stops.computeIfAbsent(status, s -> new Histogram()).observe(seconds);
  }

  /** Appends both histograms in the Prometheus text format. */
  public void writeTo(StringBuilder out) {
    write(out, "jupyterhub_server_spawn_duration_seconds", "Time taken for server spawning operation", spawns);
    write(out, "jupyterhub_server_stop_seconds", "Time taken for server stopping operation", stops);
  }

  private static void write(StringBuilder out, String name, String help, Map<String, Histogram> byStatus) {
    out.append("# HELP ").append(name).append(' ').append(help).append('\n');
    out.append("# TYPE ").append(name).append(" histogram\n");
    byStatus.forEach((status, h) -> h.writeTo(out, name, status));
  }

  private static final class Histogram {
    private final LongAdder[] counts = new LongAdder[BUCKETS.length];
    private final LongAdder total = new LongAdder();
    private final DoubleAdder sum = new DoubleAdder();

    Histogram() {
      for (int i = 0; i < counts.length; i++) {
        counts[i] = new LongAdder();
      }
    }

    void observe(double seconds) {
      for (int i = 0; i < BUCKETS.length; i++) {
        if (seconds <= BUCKETS[i]) {
          counts[i].increment();
        }
      }
      total.increment();
      sum.add(seconds);
    }

    void writeTo(StringBuilder out, String name, String status) {
      for (int i = 0; i < BUCKETS.length; i++) {
        out.append(name).append("_bucket{status=\"").append(status).append("\",le=\"").append(BUCKETS[i]).append("\"} ")
            .append(counts[i].sum()).append('\n');
      }
      out.append(name).append("_bucket{status=\"").append(status).append("\",le=\"+Inf\"} ").append(total.sum()).append('\n');
      out.append(name).append("_sum{status=\"").append(status).append("\"} ").append(sum.sum()).append('\n');
      out.append(name).append("_count{status=\"").append(status).append("\"} ").append(total.sum()).append('\n');
    }
  }
}
