package io.enjoy.worker.activity;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class ActivityTrackerTest {
  private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-12-01T10:00:00Z"));
  private final AtomicReference<Instant> kernel = new AtomicReference<>();
  private final Clock clock = new Clock() {
    @Override
    public ZoneOffset getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now.get();
    }
  };

  @Test
  void aBusyKernelCountsAsActivityLaterThanTheLastRequest() {
    ActivityTracker tracker = new ActivityTracker(clock, kernel::get);
    now.set(Instant.parse("2026-12-01T10:05:00Z"));
    tracker.requestSeen();
    assertEquals(Instant.parse("2026-12-01T10:05:00Z"), tracker.lastActivity());
    kernel.set(Instant.parse("2026-12-01T10:20:00Z")); // a long cell still running
    assertEquals(Instant.parse("2026-12-01T10:20:00Z"), tracker.lastActivity());
    now.set(Instant.parse("2026-12-01T10:30:00Z"));
    tracker.requestSeen();
    assertEquals(Instant.parse("2026-12-01T10:30:00Z"), tracker.lastActivity());
  }

  @Test
  void withoutRequestsOrKernelsTheStartIsTheLastActivity() {
    ActivityTracker tracker = new ActivityTracker(clock, kernel::get);
    now.set(Instant.parse("2026-12-01T11:00:00Z"));
    assertEquals(Instant.parse("2026-12-01T10:00:00Z"), tracker.lastActivity());
    assertEquals(tracker.started(), tracker.lastActivity());
  }
}
