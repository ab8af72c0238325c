package io.enjoy.gateway.subdomain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.enjoy.gateway.auth.HubSession;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The handshake's one-time codes against a clock the test moves. */
class HandshakeCodesTest {
  private static final HubSession.Login ALICE = new HubSession.Login("alice", 1_000, "login-1", 1_000);

  /** A clock that stands still until the test moves it. */
  private static final class MovableClock extends Clock {
    private Instant now = Instant.parse("2026-12-03T14:00:00Z");

    void advance(Duration by) {
      now = now.plus(by);
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public java.time.ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }
  }

  @Test
  void T25_aCodeOlderThanItsLifetimeIsRefusedAndUsedUp() {
    MovableClock clock = new MovableClock();
    HandshakeCodes codes = new HandshakeCodes(clock);
    String code = codes.issue(ALICE, "alice.enjoy.test", "s", "/user/alice/");
    clock.advance(HandshakeCodes.LIFETIME.plusSeconds(1));
    assertTrue(codes.redeem(code).isEmpty(), "expired");
    clock.advance(Duration.ofSeconds(-30));
    assertTrue(codes.redeem(code).isEmpty(), "and gone, even if the clock went back");
  }

  @Test
  void aFreshCodeYieldsItsGrantOnce() {
    HandshakeCodes codes = new HandshakeCodes(new MovableClock());
    String code = codes.issue(ALICE, "alice.enjoy.test", "state", "/user/alice/tree");
    HandshakeCodes.Grant grant = codes.redeem(code).orElseThrow();
    assertEquals(ALICE, grant.login());
    assertEquals("alice.enjoy.test", grant.host());
    assertEquals("state", grant.state());
    assertEquals("/user/alice/tree", grant.next());
    assertTrue(codes.redeem(code).isEmpty(), "single use");
    assertTrue(codes.redeem(null).isEmpty());
  }

  @Test
  void codesAreUnguessableAndNeverRepeat() {
    HandshakeCodes codes = new HandshakeCodes(new MovableClock());
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < 1000; i++) {
      String code = codes.issue(ALICE, "alice.enjoy.test", "s", "/user/alice/");
      assertEquals(43, code.length(), "256 bits, base64url");
      assertTrue(seen.add(code));
    }
    assertNotEquals(HandshakeCodes.randomToken(), HandshakeCodes.randomToken());
  }
}
