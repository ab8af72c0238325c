package io.enjoy.gateway;

import io.enjoy.conf.EnjoyConfig;
import io.enjoy.gateway.api.HubApi;
import io.enjoy.gateway.http.PortInUse;
import io.enjoy.gateway.auth.DevIdentityProvider;
import io.enjoy.gateway.auth.HubSession;
import io.enjoy.gateway.auth.AllowListNames;
import io.enjoy.gateway.auth.OidcAuth;
import io.enjoy.gateway.auth.OidcLogout;
import io.enjoy.gateway.auth.OidcProvider;
import io.enjoy.gateway.auth.SecretFile;
import io.enjoy.gateway.auth.SessionRevocations;
import io.enjoy.gateway.auth.Xsrf;
import io.enjoy.gateway.http.ErrorPages;
import io.enjoy.gateway.http.HubTls;
import io.enjoy.gateway.http.PageLayout;
import io.enjoy.gateway.http.SelfSignedCertificate.TlsFiles;
import io.enjoy.gateway.http.ShownError;
import io.enjoy.gateway.pages.HubPages;
import io.enjoy.gateway.pages.SpawnTracker;
import io.enjoy.gateway.proxy.UserServerProxy;
import io.enjoy.gateway.state.HubServices;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.handler.StaticHandler;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The hub's public face, thin: starts the development login provider (if enabled) and the hub
 * state ({@link HubServices}), discovers the OIDC issuer, and serves HTTPS with the login flow,
 * the hub pages, the REST API and the {@code /user/} proxy. Stopping it never stops user servers.
 *
 * <p>Tests: {@code vertx.deployVerticle(new GatewayVerticle(config))}, then {@link #httpsPort()}
 * and {@link #publicUrl()} (use {@code localhost}: the session cookie is host-bound and the OIDC
 * callback URL is built from the public URL).
 */
public final class GatewayVerticle extends VerticleBase {
  private static final Logger LOG = LoggerFactory.getLogger(GatewayVerticle.class);
  private static final long MAX_FORM_BYTES = 64 * 1024;

  private final EnjoyConfig config;
  private DevIdentityProvider devProvider;
  private HubServices hub;
  private HttpServer server;
  private TlsFiles tls;
  private volatile String publicUrl;

  public GatewayVerticle(EnjoyConfig config) {
    this.config = config;
  }

  @Override
  public Future<?> start() {
    EnjoyConfig.Oidc oidc = config.oidc();
    boolean dev = oidc.devProvider().enabled();
    java.util.Optional<String> badName = AllowListNames.problem(config.auth());
    if (badName.isPresent()) {
      return Future.failedFuture(new IllegalArgumentException(badName.get()));
    }
    Future<String> issuer = dev
        ? DevIdentityProvider.start(vertx, oidc.devProvider()).map(p -> {
            devProvider = p;
            return blank(oidc.issuer()) ? p.issuerUrl() : oidc.issuer();
          })
        : blank(oidc.issuer())
            ? Future.failedFuture(new IllegalArgumentException("oidc.issuer is empty and oidc.dev_provider.enabled is false: nobody could log in"))
            : Future.succeededFuture(oidc.issuer());
    Path secrets = config.dataDir().resolve("secrets");
    return issuer.compose(iss -> HubServices.start(vertx, config).compose(h -> {
          hub = h;
          return HubTls.resolve(vertx, config);
        }).compose(files -> {
          tls = files;
          return vertx.executeBlocking(() -> new Secrets(
              SecretFile.readOrCreate(secrets.resolve("xsrf-secret")),
              SecretFile.readOrCreate(secrets.resolve("session-key")),
              SecretFile.readOrCreate(secrets.resolve("token-key"))));
        }).compose(keys -> SessionRevocations.load(vertx, secrets.resolve("logouts.json"), config.gateway().sessionTimeout(), Clock.systemUTC())
            .compose(revocations -> OidcProvider.discover(vertx, oidc, iss)
                .compose(provider -> listen(provider, keys, revocations, dev, iss)))))
        .onFailure(err -> closeQuietly());
  }

  /** Persisted under {@code <data_dir>/secrets}, so cookies and forms stay valid across restarts. */
  private record Secrets(String xsrf, String session, String tokens) {}

  private Future<HttpServer> listen(OidcProvider provider, Secrets secrets, SessionRevocations revocations, boolean dev, String issuer) {
    PageLayout layout = new PageLayout(dev);
    Xsrf xsrf = new Xsrf(vertx, secrets.xsrf());
    SpawnTracker tracker = new SpawnTracker(vertx, hub.servers());
    HubPages pages = new HubPages(vertx, layout, hub.servers(), tracker, dev ? "the development provider" : "single sign-on");
    Router router = Router.router(vertx);

    router.route().handler(HubSession.handler(vertx, config.gateway().sessionTimeout(), secrets.session()).setLazySession(true));
    router.route().handler(HubSession.revocationCheck(revocations));
    boolean devIssuer = dev && devProvider.issuerUrl().equals(issuer);
    OidcAuth auth = new OidcAuth(vertx, provider, config, hub, revocations, secrets.tokens(), () -> publicUrl, devIssuer);
    router.route().handler(auth.recheck());
    router.route("/hub/static/*").handler(StaticHandler.create("io/enjoy/gateway/static").setCachingEnabled(true));
    BodyHandler forms = BodyHandler.create(false).setBodyLimit(MAX_FORM_BYTES);
    router.route("/hub/*").handler(rc -> ifHubPage(rc, forms));
    router.route("/hub/*").handler(rc -> ifHubPage(rc, xsrf::pages));
    router.route("/hub/api/*").handler(HubApi.bodyHandler()).handler(xsrf::api).handler(Xsrf::markVerified).handler(this::putSessionUser);
    router.route("/hub/api/*").subRouter(HubApi.router(vertx, hub));
    auth.mount(router);
    pages.mount(router);
    new UserServerProxy(vertx, hub.routes(), hub.servers(), layout, pages, xsrf).mount(router);
    router.route().last().handler(rc -> rc.fail(new ShownError(404, "There is nothing here.")));
    router.route().failureHandler(new ErrorPages(layout)::handle);

    HttpServerOptions options = new HttpServerOptions()
        .setHost(config.gateway().bindHost())
        .setPort(config.gateway().httpsPort())
        .setSsl(true)
        .setKeyCertOptions(new PemKeyCertOptions().setCertPath(tls.certPath().toString()).setKeyPath(tls.keyPath().toString()))
        .setMaxHeaderSize(16 * 1024);
    return vertx.createHttpServer(options).requestHandler(router).listen()
        .recover(e -> Future.failedFuture(PortInUse.explain(e, "gateway.https_port", options.getHost(), options.getPort())))
        .onSuccess(s -> {
      server = s;
      publicUrl = blank(config.gateway().publicUrl()) ? "https://localhost:" + s.actualPort() : stripSlash(config.gateway().publicUrl());
      LOG.info(upLine(dev, issuer));
    });
  }

  /** Body parsing and XSRF run on the hub's own pages only; the API, health check and back-channel logout handle their own. */
  private static void ifHubPage(RoutingContext rc, Handler<RoutingContext> handler) {
    String path = rc.normalizedPath();
    // the back-channel logout is a server-to-server POST authenticated by its signed token
    if (path.startsWith("/hub/api/") || path.equals("/hub/health") || path.startsWith("/hub/static/")
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

  private String upLine(boolean dev, String issuer) {
    if (!dev) {
      return "EnJoY is up at " + publicUrl + " — log in with " + issuer;
    }
    List<String> users = new ArrayList<>(config.auth().allowedUsers());
    users.addAll(config.auth().adminUsers());
    String example = users.isEmpty() ? (config.auth().allowAll() ? "any name" : "nobody yet: set auth.allowed_users") : "'" + users.get(0) + "'";
    return "EnJoY is up at " + publicUrl + " — log in with the development provider (DEVELOPMENT ONLY) as any allowed user, e.g. "
        + example;
  }

  /** The port the HTTPS listener got (useful with {@code gateway.https_port: 0}). */
  public int httpsPort() {
    return server.actualPort();
  }

  /** e.g. {@code https://localhost:8443}, no trailing slash. */
  public String publicUrl() {
    return publicUrl;
  }

  /** The PEM certificate the listener presents (tests trust it). */
  public TlsFiles tls() {
    return tls;
  }

  /** The hub state this gateway started (tests insert users and routes through it). */
  public HubServices hub() {
    return hub;
  }

  /** The development provider, or null when disabled. */
  public DevIdentityProvider devProvider() {
    return devProvider;
  }

  @Override
  public Future<?> stop() {
    return closeQuietly();
  }

  /** Closes what this verticle started; user servers keep running. */
  private Future<Void> closeQuietly() {
    Future<Void> closed = server == null ? Future.succeededFuture() : server.close();
    return closed.eventually(() -> hub == null ? Future.succeededFuture() : hub.close())
        .eventually(() -> devProvider == null ? Future.succeededFuture() : devProvider.stop(vertx))
        .recover(err -> {
          LOG.warn("gateway stop: {}", err.getMessage());
          return Future.succeededFuture();
        });
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }

  private static String stripSlash(String url) {
    return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
  }
}
