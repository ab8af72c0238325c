package io.enjoy.conf.schema;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A rule one setting's typed value must satisfy. {@link #violation} returns the reason in words
 * (completing "&lt;key&gt;: ..."), or {@code null} when the value is fine.
 */
@FunctionalInterface
public interface Constraint<T> {
  String violation(T value);

  static <T> Constraint<T> none() {
    return v -> null;
  }

  static Constraint<Integer> between(int low, int high) {
    return v -> v < low || v > high ? "must be between " + low + " and " + high + "; got " + v : null;
  }

  static Constraint<String> oneOf(String... choices) {
    List<String> allowed = Arrays.asList(choices);
    return v -> allowed.contains(v) ? null
        : "must be one of " + String.join(", ", allowed) + "; got \"" + v + "\"";
  }

  static Constraint<Duration> positive() {
    return v -> v.isZero() || v.isNegative() ? "must be greater than 0; got " + Durations.format(v) : null;
  }

  static Constraint<Double> notNegative() {
    return v -> v < 0 ? "must not be negative; got " + v : null;
  }

  static Constraint<String> notBlank() {
    return v -> v.isBlank() ? "must not be empty" : null;
  }

  /** Empty, or an absolute URL with one of {@code schemes} and a host. */
  static Constraint<String> urlOrEmpty(String... schemes) {
    List<String> allowed = Arrays.asList(schemes);
    return v -> {
      if (v.isEmpty()) {
        return null;
      }
      String expected = "must be empty or a URL starting with " + String.join(" or ", allowed.stream().map(s -> s + "://").toList());
      try {
        URI uri = new URI(v);
        return uri.getScheme() != null && allowed.contains(uri.getScheme()) && uri.getHost() != null
            ? null : expected + "; got \"" + v + "\"";
      } catch (URISyntaxException e) {
        return expected + "; got \"" + v + "\" (" + e.getReason() + ")";
      }
    };
  }

  /**
   * Empty, or a DNS domain name written in lower case: dot-separated labels of {@code a-z},
   * {@code 0-9} and inner hyphens, 1 to 63 characters each, no scheme, port or trailing dot.
   */
  static Constraint<String> domainOrEmpty() {
    return v -> {
      if (v.isEmpty()) {
        return null;
      }
      String expected = "must be empty or a lower-case domain name such as users.hub.example.edu (no scheme, port, '*' or trailing dot)";
      if (v.length() > 253) {
        return expected + "; got a name of " + v.length() + " characters";
      }
      for (String label : v.split("\\.", -1)) {
        if (!label.matches("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?")) {
          return expected + "; got \"" + v + "\"";
        }
      }
      return null;
    };
  }

  /** Items are non-empty and appear once each; {@code required} = at least one item. */
  static Constraint<List<String>> distinctItems(boolean required) {
    return v -> {
      if (required && v.isEmpty()) {
        return "must list at least one item";
      }
      Set<String> seen = new HashSet<>();
      for (String item : v) {
        if (item.isBlank()) {
          return "must not contain an empty item";
        }
        if (!seen.add(item)) {
          return "lists \"" + item + "\" twice";
        }
      }
      return null;
    };
  }
}
