package io.enjoy.worker.activity;

import java.time.Clock;
import java.time.Instant;
import java.util.function.Supplier;

/**
 * The worker's last activity: the latest user request (readiness probes do not count) or kernel
 * work (a busy kernel counts as active now), as JupyterHub's single-user server reports it.
 */
public final class ActivityTracker {
  private final Clock clock;
  private final Instant started;
  private final Supplier<Instant> kernelActivity;
  private volatile Instant lastRequest;

  public ActivityTracker(Clock clock, Supplier<Instant> kernelActivity) {
    this.clock = clock;
    this.started = clock.instant();
    this.kernelActivity = kernelActivity;
    this.lastRequest = started;
  }

  public void requestSeen() {
    lastRequest = clock.instant();
  }

  public Instant started() {
    return started;
  }

  public Instant lastActivity() {
    Instant kernel = kernelActivity.get();
    return kernel != null && kernel.isAfter(lastRequest) ? kernel : lastRequest;
  }
}
