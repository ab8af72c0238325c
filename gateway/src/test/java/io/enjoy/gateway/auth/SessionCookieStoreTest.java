package io.enjoy.gateway.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.ext.web.Session;
import io.vertx.ext.web.sstore.cookie.CookieSessionStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The session cookie's store: sealed like before, opened once per cookie value, checked on every request. */
class SessionCookieStoreTest {
  private static final String SECRET = "a-session-secret-of-the-hub-0123456789";
  private static final long HOUR = 3_600_000;
  private final Vertx vertx = Vertx.vertx();
  private final SessionCookieStore store = new SessionCookieStore(vertx, SECRET);

  @AfterEach
  void close() {
    SigningIssuer.await(vertx.close());
  }

  private String cookieOf(String user, long timeout) {
    Session session = store.createSession(timeout);
    session.put("enjoy.user.name", user);
    session.put("enjoy.user.login_at", System.currentTimeMillis());
    return session.value();
  }

  private Session open(SessionCookieStore in, String cookie) {
    return SigningIssuer.await(in.get(cookie));
  }

  @Test
  void cookiesIssuedBeforeTheUpgradeStillOpenAndNewOnesOpenInTheOldStore() {
    CookieSessionStore before = CookieSessionStore.create(vertx, SECRET);
    Session old = before.createSession(HOUR);
    old.put("enjoy.user.name", "alice");
    old.put("enjoy.user.admin", true);

    Session opened = open(store, old.value());

    assertEquals(old.id(), opened.id());
    assertEquals("alice", opened.get("enjoy.user.name"));
    assertEquals(Boolean.TRUE, opened.get("enjoy.user.admin"));
    Session back = SigningIssuer.await(before.get(cookieOf("bob", HOUR)));
    assertEquals("bob", back.get("enjoy.user.name"), "a rollback keeps the sessions too");
  }

  @Test
  void aCookieIsOpenedOnceAndEveryRequestGetsItsOwnSession() {
    String cookie = cookieOf("alice", HOUR);
    Session first = open(store, cookie);
    first.put("enjoy.user.name", "mallory");
    first.destroy();

    Session second = open(store, cookie);

    assertEquals(1, store.cached());
    assertEquals("alice", second.get("enjoy.user.name"), "one request's changes never reach another's session");
    assertFalse(second.isDestroyed());
    assertFalse(second.isRegenerated(), "an unchanged session is not written again");
  }

  @Test
  void aCachedCookieStillExpiresAfterTheSessionTimeout() throws InterruptedException {
    String cookie = cookieOf("alice", 200);
    assertNotNull(open(store, cookie));
    assertEquals(1, store.cached());

    Thread.sleep(300);

    assertNull(open(store, cookie), "expired, although its opened content was cached");
    assertEquals(0, store.cached());
  }

  @Test
  void alteredForeignAndGarbageCookiesGiveNoSessionAndAreNotCached() {
    String cookie = cookieOf("alice", HOUR);
    char last = cookie.charAt(cookie.length() - 2);
    String altered = cookie.substring(0, cookie.length() - 2) + (last == 'A' ? 'B' : 'A') + cookie.charAt(cookie.length() - 1);
    String foreign = new SessionCookieStore(vertx, "another-hub's-secret-0123456789abcdef").createSession(HOUR).value();

    assertNull(open(store, altered));
    assertNull(open(store, foreign));
    assertNull(open(store, "not base64 at all!"));
    assertNull(open(store, ""));
    assertEquals(0, store.cached());
  }

  @Test
  void aChangedSessionIsSealedIntoANewCookie() {
    String cookie = cookieOf("alice", HOUR);
    Session session = open(store, cookie);
    session.put("enjoy.login.checked_at", 42L);

    assertTrue(session.isRegenerated(), "the session handler writes a changed session back");
    String rewritten = session.value();
    assertNotEquals(cookie, rewritten);
    assertEquals(42L, (Long) open(store, rewritten).get("enjoy.login.checked_at"));
    assertNull(open(store, cookie).get("enjoy.login.checked_at"), "the old cookie still says what it said");
  }

  @Test
  void theCacheIsBounded() {
    for (int i = 0; i < SessionCookieStore.CACHE_ENTRIES + 50; i++) {
      assertNotNull(open(store, cookieOf("user" + i, HOUR)));
    }
    assertEquals(SessionCookieStore.CACHE_ENTRIES, store.cached());
  }
}
