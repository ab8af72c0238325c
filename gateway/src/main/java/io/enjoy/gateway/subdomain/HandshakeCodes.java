package io.enjoy.gateway.subdomain;

import io.enjoy.gateway.auth.HubSession;
import io.enjoy.gateway.http.ShownError;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The one-time codes of the subdomain login handshake. The hub issues one to the logged-in owner
 * of a user host, bound to that login, the target host and the browser's state value; the user
 * host redeems it once, within {@link #LIFETIME}, to open its own session. A code is removed when
 * it is redeemed, whether the redemption succeeds or not, so a replayed or leaked code is worthless.
 * Held in memory, one store for all listeners: a gateway restart between the two redirects only
 * costs the user one more click.
 */
public final class HandshakeCodes {
  /** Long enough for two redirects on a slow link, short enough that a leaked code is stale. */
  public static final Duration LIFETIME = Duration.ofSeconds(60);
  /** Outstanding codes at most; beyond it (a flood from logged-in sessions) new ones are refused until old ones expire. */
  static final int MAX_OPEN = 20_000;
  private static final SecureRandom RANDOM = new SecureRandom();

  /** What a code stands for. */
  public record Grant(HubSession.Login login, String host, String state, String next, long expiresAt) {}

  private final Map<String, Grant> open = new ConcurrentHashMap<>();
  private final Clock clock;

  public HandshakeCodes(Clock clock) {
    this.clock = clock;
  }

  /** A new code for this login on {@code host}; {@code next} is the path to continue to there. */
  public String issue(HubSession.Login login, String host, String state, String next) {
    long now = clock.millis();
    if (open.size() >= MAX_OPEN) {
      open.values().removeIf(grant -> grant.expiresAt() < now);
      if (open.size() >= MAX_OPEN) {
        throw new ShownError(503, "Too many logins are in progress; try again in a minute.");
      }
    }
    String code = randomToken();
    open.put(code, new Grant(login, host, state, next, now + LIFETIME.toMillis()));
    return code;
  }

  /** The grant of a code that was issued, not yet redeemed and has not expired; the code is used up either way. */
  public Optional<Grant> redeem(String code) {
    Grant grant = code == null ? null : open.remove(code);
    return grant == null || grant.expiresAt() < clock.millis() ? Optional.empty() : Optional.of(grant);
  }

  /** 256 random bits, URL-safe (43 characters). */
  static String randomToken() {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }
}
