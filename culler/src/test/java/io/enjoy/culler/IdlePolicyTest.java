package io.enjoy.culler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.enjoy.conf.bus.RunningServers.Entry;
import io.enjoy.conf.bus.ServerKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class IdlePolicyTest {

  private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-03T10:00:00Z"), ZoneOffset.UTC);
  private static final Instant NOW = CLOCK.instant();
  private static final IdlePolicy TEN_MINUTES = new IdlePolicy(Duration.ofMinutes(10), Duration.ZERO);

  private static Entry server(String user, Duration runningFor, Duration idleFor, String pending) {
    return new Entry(ServerKey.defaultServer(user), NOW.minus(runningFor), NOW.minus(idleFor), pending);
  }

  private static List<String> culledUsers(List<CullDecision> decisions) {
    return decisions.stream().map(d -> d.key().user()).toList();
  }

  @Test
  void serverIdleLongerThanTimeoutIsCulledWithHowLongItWasIdle() {
    List<CullDecision> decisions = TEN_MINUTES.decide(NOW, List.of(server("alice", Duration.ofHours(1), Duration.ofSeconds(601), null)));
    assertEquals(List.of(new CullDecision(ServerKey.defaultServer("alice"), "idle for 10m 1s (culler.timeout 10m)")), decisions);
  }

  @Test
  void serverIdleExactlyTheTimeoutIsNotCulled() {
    assertEquals(List.of(), TEN_MINUTES.decide(NOW, List.of(server("alice", Duration.ofHours(1), Duration.ofMinutes(10), null))));
  }

  @Test
  void recentlyActiveServerIsNotCulled() {
    assertEquals(List.of(), TEN_MINUTES.decide(NOW, List.of(server("alice", Duration.ofHours(1), Duration.ofMinutes(9), null))));
  }

  @Test
  void pendingServerIsNeverCulled() {
    List<Entry> servers = List.of(
        server("spawning", Duration.ofHours(2), Duration.ofHours(2), "spawn"),
        server("stopping", Duration.ofHours(2), Duration.ofHours(2), "stop"));
    assertEquals(List.of(), TEN_MINUTES.decide(NOW, servers));
    IdlePolicy withMaxAge = new IdlePolicy(Duration.ofMinutes(10), Duration.ofMinutes(30));
    assertEquals(List.of(), withMaxAge.decide(NOW, servers));
  }

  @Test
  void maxAgeCullsAnActiveButOldServer() {
    IdlePolicy policy = new IdlePolicy(Duration.ofMinutes(10), Duration.ofHours(8));
    List<CullDecision> decisions = policy.decide(NOW, List.of(
        server("old", Duration.ofHours(8).plusMinutes(1), Duration.ofSeconds(5), null),
        server("young", Duration.ofHours(7), Duration.ofSeconds(5), null)));
    assertEquals(List.of(new CullDecision(ServerKey.defaultServer("old"), "running for 8h 1m (culler.max_age 8h)")), decisions);
  }

  @Test
  void maxAgeZeroIsOff() {
    assertEquals(List.of(), TEN_MINUTES.decide(NOW, List.of(server("alice", Duration.ofDays(30), Duration.ofSeconds(5), null))));
  }

  @Test
  void onlyTheIdleOnesOfAMixedListAreCulledInOrder() {
    List<CullDecision> decisions = TEN_MINUTES.decide(NOW, List.of(
        server("a", Duration.ofHours(1), Duration.ofMinutes(30), null),
        server("b", Duration.ofHours(1), Duration.ofMinutes(1), null),
        server("c", Duration.ofHours(1), Duration.ofMinutes(11), null),
        new Entry(new ServerKey("a", "gpu"), NOW.minus(Duration.ofHours(1)), NOW.minus(Duration.ofMinutes(12)), null)));
    assertEquals(List.of("a/", "c/", "a/gpu"), decisions.stream().map(d -> d.key().user() + "/" + d.key().server()).toList());
  }

  @Test
  void activityReportedAfterNowIsNotIdle() {
    // clock skew between the hub and this node must not cull anyone
    Entry ahead = new Entry(ServerKey.defaultServer("alice"), NOW.minusSeconds(60), NOW.plusSeconds(30), null);
    assertEquals(List.of(), TEN_MINUTES.decide(NOW, List.of(ahead)));
  }

  /**
   * H-17: a student starts a five-hour computation and closes the laptop. No browser traffic
   * reaches the proxy, but the worker reports activity while the kernel is busy, so the hub's
   * lastActivity stays fresh; the policy looks only at lastActivity and keeps the server.
   * An admin who wants such jobs bounded sets max_age.
   */
  @Test
  void H17_busyServerWithNoBrowserIsNotCulled() {
    Duration lastBrowserTraffic = Duration.ofHours(5);
    Duration lastBusyKernelReport = Duration.ofSeconds(30);
    Entry computing = server("student", lastBrowserTraffic.plusMinutes(1), lastBusyKernelReport, null);
    assertEquals(List.of(), TEN_MINUTES.decide(NOW, List.of(computing)));

    IdlePolicy bounded = new IdlePolicy(Duration.ofMinutes(10), Duration.ofHours(4));
    assertEquals(List.of("student"), culledUsers(bounded.decide(NOW, List.of(computing))));
  }

  @Test
  void nonPositiveTimeoutIsRejected() {
    assertThrows(IllegalArgumentException.class, () -> new IdlePolicy(Duration.ZERO, Duration.ZERO));
  }
}
