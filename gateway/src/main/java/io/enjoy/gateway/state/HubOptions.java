package io.enjoy.gateway.state;

import java.time.Clock;
import java.time.Duration;

/**
 * Timing of the hub's background work; {@link #defaults()} in production, shorter in tests.
 *
 * @param activityFlushEvery how often proxied activity and API token use are written to PostgreSQL
 * @param readoptionWait     how long the start waits for re-adoption polls before going on
 * @param pollRetryDelay     delay before polling again a server no spawner answered for
 * @param routeSyncEvery     how often the route table is reconciled with PostgreSQL
 * @param clock              time source for activity
 * @param namedServerLimit   how many named servers a user may have running or starting at once
 *                           (JupyterHub's {@code named_server_limit_per_user}, {@code spawner.named_server_limit}); 0 = off
 */
public record HubOptions(Duration activityFlushEvery, Duration readoptionWait, Duration pollRetryDelay, Duration routeSyncEvery,
    Clock clock, int namedServerLimit) {
  public static final int DEFAULT_NAMED_SERVER_LIMIT = io.enjoy.conf.EnjoyConfig.Spawner.DEFAULT_NAMED_SERVER_LIMIT;

  public HubOptions {
    if (namedServerLimit < 0) {
      throw new IllegalArgumentException("namedServerLimit must be >= 0, not " + namedServerLimit);
    }
  }

  public HubOptions(Duration activityFlushEvery, Duration readoptionWait, Duration pollRetryDelay, Duration routeSyncEvery, Clock clock) {
    this(activityFlushEvery, readoptionWait, pollRetryDelay, routeSyncEvery, clock, DEFAULT_NAMED_SERVER_LIMIT);
  }

  public static HubOptions defaults() {
    return new HubOptions(Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(10), Duration.ofSeconds(30), Clock.systemUTC());
  }

  public HubOptions withNamedServerLimit(int limit) {
    return new HubOptions(activityFlushEvery, readoptionWait, pollRetryDelay, routeSyncEvery, clock, limit);
  }
}
