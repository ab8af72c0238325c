package io.enjoy.culler;

import io.enjoy.conf.EnjoyConfig;
import io.enjoy.conf.bus.RunningServers;
import io.enjoy.conf.schema.Durations;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Which running servers to stop. Pure: the caller supplies the time and the hub's list.
 *
 * <p>A server is culled when its last activity is more than {@code timeout} ago (exactly
 * {@code timeout} is not enough), or, if {@code maxAge} is not zero, when it has run for more
 * than {@code maxAge} regardless of activity. A server with a pending spawn or stop is never
 * touched: the hub is already acting on it.
 *
 * <p><b>Busy kernels (failure case H-17).</b> The policy looks only at
 * {@link RunningServers.Entry#lastActivity()}. That value is the newest of proxied browser
 * traffic and the worker's own activity reports, and the worker reports activity while a kernel
 * is executing. So a long silent computation with no browser attached stays alive (EnJoY chooses
 * option (a) of H-17), bounded by {@code max_age} when an admin sets one. An open tab with an idle
 * kernel does not keep a server alive, provided the gateway does not count WebSocket keep-alive
 * pings as activity. The culler itself never inspects kernels or traffic.
 *
 * @param timeout idle time after which a server is stopped; must be positive
 * @param maxAge  run time after which a server is stopped even if active; {@link Duration#ZERO} = off
 */
public record IdlePolicy(Duration timeout, Duration maxAge) {

  public IdlePolicy {
    Objects.requireNonNull(timeout, "timeout");
    Objects.requireNonNull(maxAge, "maxAge");
    if (timeout.isZero() || timeout.isNegative()) {
      throw new IllegalArgumentException("timeout must be positive, got " + timeout);
    }
    if (maxAge.isNegative()) {
      throw new IllegalArgumentException("maxAge must not be negative, got " + maxAge);
    }
  }

  public static IdlePolicy from(EnjoyConfig.Culler config) {
    return new IdlePolicy(config.timeout(), config.maxAge());
  }

  /** The servers to stop at {@code now}, in the order given, each with the reason. */
  public List<CullDecision> decide(Instant now, List<RunningServers.Entry> servers) {
    List<CullDecision> decisions = new ArrayList<>();
    for (RunningServers.Entry server : servers) {
      String reason = reasonToCull(now, server);
      if (reason != null) {
        decisions.add(new CullDecision(server.key(), reason));
      }
    }
    return decisions;
  }

  private String reasonToCull(Instant now, RunningServers.Entry server) {
    if (server.pending() != null) {
      return null;
    }
    // A server that never reported activity has been idle since it started.
    Instant lastActivity = server.lastActivity() != null ? server.lastActivity() : server.started();
    if (lastActivity != null) {
      Duration idle = Duration.between(lastActivity, now);
      if (idle.compareTo(timeout) > 0) {
        return "idle for " + Durations.format(idle) + " (culler.timeout " + Durations.format(timeout) + ")";
      }
    }
    if (!maxAge.isZero() && server.started() != null) {
      Duration age = Duration.between(server.started(), now);
      if (age.compareTo(maxAge) > 0) {
        return "running for " + Durations.format(age) + " (culler.max_age " + Durations.format(maxAge) + ")";
      }
    }
    return null;
  }
}
