package io.enjoy.gateway.subdomain;

import io.enjoy.gateway.auth.SessionRevocations;
import io.enjoy.gateway.auth.Xsrf;
import io.enjoy.gateway.http.ErrorPages;
import io.enjoy.gateway.pages.HubPages;
import io.enjoy.gateway.proxy.UserServerProxy;
import io.enjoy.gateway.state.HubServices;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.function.Supplier;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Per-user subdomain mode ({@code gateway.user_domain}) put together: one per gateway (the code
 * store and host rules are shared by all listeners), building each listener's request handler
 * from the hub's router and a user-host router around the listener's own proxy.
 */
public final class SubdomainMode {
  private final UserHosts hosts;
  private final HandshakeCodes codes = new HandshakeCodes(Clock.systemUTC());
  private final HubServices hub;
  private final UserHostRouter userHosts;
  private final Duration sessionTimeout;
  private final String userHostKey;

  /** @param hubSessionKey the hub's session secret; the user hosts' key is derived from it */
  public SubdomainMode(String domain, Supplier<String> publicUrl, HubServices hub, SessionRevocations revocations,
      Duration sessionTimeout, String hubSessionKey) {
    this.hosts = new UserHosts(domain, publicUrl);
    this.hub = hub;
    this.userHosts = new UserHostRouter(hosts, codes, revocations, hub.users());
    this.sessionTimeout = sessionTimeout;
    this.userHostKey = derive(hubSessionKey, "enjoy user-host sessions");
  }

  /** The hub host's replacement for the proxy: redirects to user hosts and the code endpoint. */
  public void mountOnHub(Router hubRouter, Xsrf xsrf, HubPages pages) {
    new HubSideHandshake(hosts, codes, hub.routes()).mount(hubRouter, xsrf, pages);
  }

  /** The listener's whole request handler: Host decides between the hub's router and the user hosts'. */
  public Handler<HttpServerRequest> dispatch(Vertx vertx, Router hubRouter, Handler<RoutingContext> recheck, UserServerProxy proxy,
      ErrorPages errors) {
    Router userRouter = userHosts.build(vertx, sessionTimeout, userHostKey, recheck, proxy, errors);
    return new HostDispatch(hosts, hubRouter, userRouter);
  }

  /** A separate key per purpose, so a hub cookie never decrypts as a user host's and back. */
  private static String derive(String secret, String purpose) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return HexFormat.of().formatHex(mac.doFinal(purpose.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
