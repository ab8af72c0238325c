package io.enjoy.gateway.state;

import java.util.List;

/** One page of a list and how many items the whole (filtered) list has. */
public record Page<T>(List<T> items, long total) {
  public Page {
    items = List.copyOf(items);
  }
}
