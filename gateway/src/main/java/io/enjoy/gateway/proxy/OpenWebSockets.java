package io.enjoy.gateway.proxy;

import io.enjoy.gateway.auth.SessionRevocations;
import io.enjoy.gateway.http.Audit;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpConnection;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The browser connections carrying proxied WebSockets, with the login they were opened under.
 * A logout (in any tab, or of every session of the user) makes its sessions revoked; a sweep
 * every {@code every} then closes their WebSockets, so a kernel channel opened before the logout
 * does not outlive it (T10, H-19). Closing the browser side makes the proxy close the worker side.
 */
final class OpenWebSockets {
  private record Login(String user, long loginAt, String loginId) {}

  private final SessionRevocations revocations;
  private final Map<HttpConnection, Login> open = new ConcurrentHashMap<>();

  OpenWebSockets(Vertx vertx, SessionRevocations revocations, Duration every) {
    this.revocations = revocations;
    vertx.setPeriodic(every.toMillis(), id -> sweep());
  }

  /** Call for a WebSocket handshake that passed the owner and origin checks. */
  void track(HttpConnection connection, String user, long loginAt, String loginId) {
    open.put(connection, new Login(user, loginAt, loginId));
    connection.closeHandler(v -> open.remove(connection));
  }

  private void sweep() {
    open.forEach((connection, login) -> {
      if (revocations.revoked(login.user(), login.loginAt(), login.loginId())) {
        open.remove(connection);
        Audit.event("proxy.websocket", login.user(), null, "closed: the session was logged out");
        connection.close();
      }
    });
  }
}
