package io.enjoy.gateway.state;

import java.time.Clock;
import java.time.Duration;

/**
 * Timing of the hub's background work; {@link #defaults()} in production, shorter in tests.
 *
 * @param activityFlushEvery how often proxied activity is written to PostgreSQL
 * @param readoptionWait     how long the start waits for re-adoption polls before going on
 * @param pollRetryDelay     delay before polling again a server no spawner answered for
 * @param routeSyncEvery     how often the route table is reconciled with PostgreSQL
 * @param clock              time source for activity
 */
public record HubOptions(Duration activityFlushEvery, Duration readoptionWait, Duration pollRetryDelay, Duration routeSyncEvery, Clock clock) {

  public static HubOptions defaults() {
    return new HubOptions(Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(10), Duration.ofSeconds(30), Clock.systemUTC());
  }
}
