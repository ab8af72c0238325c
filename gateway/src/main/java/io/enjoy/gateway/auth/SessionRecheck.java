package io.enjoy.gateway.auth;

import io.enjoy.gateway.http.OwnContext;

import io.enjoy.conf.bus.ServerKey;
import io.enjoy.gateway.http.Audit;
import io.enjoy.gateway.servers.ServerService;
import io.enjoy.gateway.http.ShownError;
import io.enjoy.gateway.state.UserNotAllowedException;
import io.enjoy.gateway.state.UserRecord;
import io.enjoy.gateway.state.UserService;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.User;
import io.vertx.ext.auth.oauth2.OAuth2Auth;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.Session;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Re-validates a logged-in session at the issuer every {@code oidc.recheck_interval} (JupyterHub's
 * {@code auth_refresh_age}): the stored refresh token is exchanged, the new ID token checked and
 * its groups applied again. Someone removed from the course group gets a page saying their access
 * ended, all their sessions end (pages, API calls and proxied requests alike, since this runs
 * before all of them) and their server is stopped; a refresh the issuer refuses (session ended there, token revoked) or cannot
 * answer ends this session, so the browser must log in again: a failed check never extends a
 * session (T21, T28). Concurrent requests of one session share one check.
 */
public final class SessionRecheck implements Handler<RoutingContext> {
  private static final Logger LOG = LoggerFactory.getLogger(SessionRecheck.class);

  private final OAuth2Auth provider;
  private final IdTokenChecks checks;
  private final LoginSessions sessions;
  private final UserService users;
  private final SessionRevocations revocations;
  private final ServerService servers;
  private final Duration interval;
  private final Clock clock;
  private final Map<String, Future<UserRecord>> inFlight = new ConcurrentHashMap<>();
  /** Confirmations newer than the cookie another tab still sends. */
  private final Map<String, Long> confirmedAt = new ConcurrentHashMap<>();

  public SessionRecheck(OAuth2Auth provider, IdTokenChecks checks, LoginSessions sessions, UserService users,
      SessionRevocations revocations, ServerService servers, Duration interval, Clock clock) {
    this.provider = provider;
    this.checks = checks;
    this.sessions = sessions;
    this.users = users;
    this.revocations = revocations;
    this.servers = servers;
    this.interval = interval;
    this.clock = clock;
  }

  /** The access is gone: shown to the user as is. */
  private static final class AccessEnded extends ShownError {
    AccessEnded(String message) {
      super(403, message);
    }
  }

  @Override
  public void handle(RoutingContext rc) {
    Session session = rc.session();
    String user = HubSession.userName(rc);
    if (user == null) {
      rc.next();
      return;
    }
    String loginId = HubSession.loginId(session);
    long now = clock.millis();
    long last = Math.max(HubSession.checkedAt(session), loginId == null ? 0 : confirmedAt.getOrDefault(loginId, 0L));
    if (now - last < interval.toMillis()) {
      rc.next();
      return;
    }
    if (loginId == null) {
      session.destroy(); // a session without issuer tokens cannot be re-checked: log in again
      rc.next();
      return;
    }
    // the check is asynchronous: hold the request body for the handlers after it (body handler, proxy)
    rc.request().pause();
    Future<UserRecord> check = inFlight.get(loginId);
    if (check == null) {
      Future<UserRecord> started = recheck(loginId);
      check = inFlight.putIfAbsent(loginId, started);
      if (check == null) {
        check = started;
        started.onComplete(r -> inFlight.remove(loginId));
      }
    }
    // shared by every listener: the check may complete on another request's event loop
    OwnContext.of(check).onSuccess(confirmed -> {
      confirmedAt.put(loginId, now);
      confirmedAt.values().removeIf(at -> at < now - interval.toMillis());
      HubSession.confirmed(session, confirmed, now);
      rc.next();
    }).onFailure(err -> {
      session.destroy();
      if (err instanceof AccessEnded ended) {
        rc.request().resume(); // refused: nothing will read the body
        revocations.revokeAll(user).compose(v -> sessions.endAllOf(user))
            .onComplete(v -> rc.fail(ended));
        servers.stop(ServerKey.defaultServer(user), "access ended: no longer admitted by the identity provider")
            .onFailure(e -> LOG.warn("could not stop the server of {} after their access ended: {}", user, e.getMessage()));
      } else {
        LOG.info("session of {} ended at its re-check: {}", user, err.getMessage());
        sessions.end(loginId).transform(v -> revocations.revokeSessions(List.of(LoginSessions.hash(loginId))))
            .onComplete(v -> rc.next());
      }
    });
  }

  private Future<UserRecord> recheck(String loginId) {
    return sessions.find(loginId).compose(found -> {
      LoginSessions.Stored stored = found.orElse(null);
      if (stored == null || stored.ended() || stored.refreshToken() == null) {
        return Future.failedFuture(new IllegalStateException("the login session has ended or keeps no refresh token"));
      }
      return provider.refresh(User.create(new JsonObject().put("refresh_token", stored.refreshToken())))
          .compose(fresh -> {
            IdTokenChecks.Identity identity = checks.atRefresh(fresh.attributes().getJsonObject("idToken"), stored.subject());
            return users.admits(identity.username(), identity.groups()).compose(admitted -> {
              if (!admitted) {
                Audit.event("access-ended", identity.username(), null, "groups at the issuer no longer admit the user: " + identity.groups());
                return Future.failedFuture(new AccessEnded("Your access to this hub has ended: " + identity.username()
                    + " is no longer in a group allowed to use it. Ask the course staff if this is a mistake."));
              }
              return users.recordLogin(identity.issuer(), identity.subject(), identity.username(), identity.groups())
                  .recover(err -> Future.failedFuture(err instanceof UserNotAllowedException refused ? new AccessEnded(refused.getMessage()) : err))
                  .compose(user -> sessions.renew(loginId, fresh.principal().getString("refresh_token"), fresh.principal().getString("id_token"))
                      .map(user));
            });
          });
    });
  }
}
