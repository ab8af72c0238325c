package io.enjoy.gateway;

import io.enjoy.conf.EnjoyConfig;
import io.enjoy.gateway.api.HubApi;
import io.enjoy.gateway.api.ServerAccessByToken;
import io.enjoy.gateway.auth.HubSession;
import io.enjoy.gateway.auth.OidcAuth;
import io.enjoy.gateway.auth.OidcLogout;
import io.enjoy.gateway.auth.SessionRevocations;
import io.enjoy.gateway.auth.Xsrf;
import io.enjoy.gateway.http.ErrorPages;
import io.enjoy.gateway.http.FetchMetadataGuard;
import io.enjoy.gateway.http.HubStaticFiles;
import io.enjoy.gateway.http.PageLayout;
import io.enjoy.gateway.http.SecurityHeaders;
import io.enjoy.gateway.http.ShownError;
import io.enjoy.gateway.pages.HubPages;
import io.enjoy.gateway.pages.SpawnTracker;
import io.enjoy.gateway.proxy.UserServerProxy;
import io.enjoy.gateway.state.HubServices;
import io.enjoy.gateway.subdomain.SubdomainMode;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.function.Supplier;

/**
 * Everything the gateway serves over HTTPS, assembled into one router per listener. What must be
 * one per hub (state, spawn tracking, login provider, secrets, revocations) is held here and
 * shared; what is cheap or bound to an event loop (handlers, the proxy's client pool) is built
 * per {@link #build(Vertx)} call, so each listener's event loop proxies through its own
 * connections to the workers without crossing threads.
 */
final class HubRouter {
  private static final long MAX_FORM_BYTES = 64 * 1024;

  /** Secrets persisted under {@code <data_dir>/secrets}, so cookies and forms stay valid across restarts. */
  record Secrets(String xsrf, String session, String tokens) {}

  private final EnjoyConfig config;
  private final HubServices hub;
  private final OidcAuth auth;
  private final Secrets secrets;
  private final SessionRevocations revocations;
  private final SpawnTracker tracker;
  private final PageLayout layout;
  private final int listeners;
  private final String providerName;
  /** Null in path mode. */
  private final SubdomainMode subdomains;

  HubRouter(EnjoyConfig config, HubServices hub, OidcAuth auth, Secrets secrets, SessionRevocations revocations,
      SpawnTracker tracker, boolean dev, int listeners, Supplier<String> publicUrl) {
    this.config = config;
    this.hub = hub;
    this.auth = auth;
    this.secrets = secrets;
    this.revocations = revocations;
    this.tracker = tracker;
    this.layout = new PageLayout(dev);
    this.listeners = listeners;
    this.providerName = dev ? "the development provider" : "single sign-on";
    this.subdomains = config.gateway().subdomains()
        ? new SubdomainMode(config.gateway().userDomain(), publicUrl, hub, revocations, config.gateway().sessionTimeout(), secrets.session())
        : null;
  }

  /** A complete request handler for one listener; call it on the event loop that will serve it. */
  Handler<HttpServerRequest> build(Vertx vertx) {
    // subdomain mode: __Host- cookies, which a page on a user's subdomain cannot toss onto the hub (T4)
    Xsrf xsrf = subdomains == null ? new Xsrf(vertx, secrets.xsrf()) : new Xsrf(vertx, secrets.xsrf(), Xsrf.HOST_COOKIE_NAME, "/");
    String sessionCookie = subdomains == null ? HubSession.COOKIE_NAME : HubSession.HOST_COOKIE_NAME;
    HubPages pages = new HubPages(vertx, layout, hub, tracker, providerName);
    Router router = Router.router(vertx);

    router.route().handler(SecurityHeaders::everyResponse);
    router.route().handler(HubSession.handler(vertx, config.gateway().sessionTimeout(), secrets.session(), sessionCookie).setLazySession(true));
    router.route().handler(HubSession.revocationCheck(revocations));
    router.route().handler(FetchMetadataGuard::handle);
    router.route().handler(auth.recheck());
    HubStaticFiles.mount(router);
    BodyHandler forms = BodyHandler.create(false).setBodyLimit(MAX_FORM_BYTES);
    router.route("/hub/*").handler(rc -> ifHubPage(rc, forms));
    router.route("/hub/*").handler(rc -> ifHubPage(rc, xsrf::pages));
    router.route("/hub/api/*").handler(HubApi.bodyHandler()).handler(xsrf::api).handler(Xsrf::markVerified).handler(this::putSessionUser);
    router.route("/hub/api/*").subRouter(HubApi.router(vertx, hub));
    router.get("/hub/metrics").handler(HubApi.bodyHandler()).handler(this::putSessionUser)
        .handler(HubApi.authentication(hub)).handler(HubApi.metrics(hub));
    auth.mount(router);
    pages.mount(router);
    UserServerProxy proxy = new UserServerProxy(vertx, hub.routes(), hub.servers(), layout, pages, xsrf, config.gateway().upstreamTimeout(),
        revocations, UserServerProxy.poolShare(listeners),
        new ServerAccessByToken(hub.tokens()));
    if (subdomains == null) {
      proxy.mount(router);
    } else {
      subdomains.mountOnHub(router, xsrf, pages);
    }
    router.route().last().handler(rc -> rc.fail(new ShownError(404, "There is nothing here.")));
    ErrorPages errors = new ErrorPages(layout);
    router.route().failureHandler(errors::handle);
    // failures before any route matched (e.g. a path that is not valid percent-encoding) get the same answer
    for (int status : new int[] {400, 404, 405, 413, 500}) {
      router.errorHandler(status, rc -> errors.handle(rc, status));
    }
    return subdomains == null ? router : subdomains.dispatch(vertx, router, auth.recheck(), proxy, errors);
  }

  /** Body parsing and XSRF run on the hub's own pages only; the API, health check, metrics and back-channel logout handle their own. */
  private static void ifHubPage(RoutingContext rc, Handler<RoutingContext> handler) {
    String path = rc.normalizedPath();
    // the back-channel logout is a server-to-server POST authenticated by its signed token
    if (path.startsWith("/hub/api/") || path.equals("/hub/health") || path.equals("/hub/metrics") || path.startsWith("/hub/static/")
        || path.equals(OidcLogout.BACKCHANNEL_PATH)) {
      rc.next();
    } else {
      handler.handle(rc);
    }
  }

  /** The session's user for the REST API (it authorises cookie requests from this). */
  private void putSessionUser(RoutingContext rc) {
    String name = HubSession.userName(rc);
    if (name == null) {
      rc.next();
      return;
    }
    hub.users().find(name).onFailure(rc::fail).onSuccess(user -> {
      user.ifPresent(u -> rc.put(HubApi.SESSION_USER, u));
      rc.next();
    });
  }
}
