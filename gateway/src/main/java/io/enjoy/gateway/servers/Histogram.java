package io.enjoy.gateway.servers;

import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAdder;

/**
 * A Prometheus histogram with label sets, written in the text exposition format. Lock-free:
 * observing is a few adder increments, so it can sit on every request.
 */
public final class Histogram {
  private final String name;
  private final String help;
  private final double[] buckets;
  private final Map<String, Series> series = new ConcurrentHashMap<>();

  public Histogram(String name, String help, double... buckets) {
    this.name = name;
    this.help = help;
    this.buckets = buckets.clone();
  }

  /** @param labels already formatted, e.g. {@code status="success"} (values escaped by the caller) */
  public void observe(String labels, double seconds) {
    series.computeIfAbsent(labels, l -> new Series(buckets.length)).observe(buckets, seconds);
  }

  public void writeTo(StringBuilder out) {
    out.append("# HELP ").append(name).append(' ').append(help).append('\n');
    out.append("# TYPE ").append(name).append(" histogram\n");
    series.forEach((labels, s) -> s.writeTo(out, name, labels, buckets));
  }

  /** A label value escaped for the text format. */
  public static String label(String value) {
    return value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
  }

  private static final class Series {
    private final LongAdder[] counts;
    private final LongAdder total = new LongAdder();
    private final DoubleAdder sum = new DoubleAdder();

    Series(int size) {
      counts = new LongAdder[size];
      for (int i = 0; i < size; i++) {
        counts[i] = new LongAdder();
      }
    }

    void observe(double[] buckets, double seconds) {
      for (int i = 0; i < buckets.length; i++) {
        if (seconds <= buckets[i]) {
          counts[i].increment();
        }
      }
      total.increment();
      sum.add(seconds);
    }

    void writeTo(StringBuilder out, String name, String labels, double[] buckets) {
      String prefix = labels.isEmpty() ? "" : labels + ",";
      for (int i = 0; i < buckets.length; i++) {
        out.append(name).append("_bucket{").append(prefix).append("le=\"").append(String.format(Locale.ROOT, "%s", buckets[i]))
            .append("\"} ").append(counts[i].sum()).append('\n');
      }
      out.append(name).append("_bucket{").append(prefix).append("le=\"+Inf\"} ").append(total.sum()).append('\n');
      out.append(name).append("_sum{").append(labels).append("} ").append(sum.sum()).append('\n');
      out.append(name).append("_count{").append(labels).append("} ").append(total.sum()).append('\n');
    }
  }
}
