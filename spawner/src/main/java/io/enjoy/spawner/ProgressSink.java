package io.enjoy.spawner;

/** Receives the steps of one start, e.g. to publish them as {@code SpawnProgress} events. */
@FunctionalInterface
public interface ProgressSink {
  ProgressSink NONE = (progress, message) -> {};

  void report(int progress, String message);
}
