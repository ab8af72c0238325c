package io.enjoy.gateway;

import io.enjoy.conf.EnjoyConfig;
import io.enjoy.gateway.auth.DevIdentityProvider;
import io.enjoy.gateway.auth.AllowListNames;
import io.enjoy.gateway.auth.OidcAuth;
import io.enjoy.gateway.auth.OidcProvider;
import io.enjoy.gateway.auth.SecretFile;
import io.enjoy.gateway.auth.SessionRevocations;
import io.enjoy.gateway.http.HttpsRedirect;
import io.enjoy.gateway.http.HubTls;
import io.enjoy.gateway.http.SelfSignedCertificate.TlsFiles;
import io.enjoy.gateway.pages.SpawnTracker;
import io.enjoy.gateway.state.HubServices;
import io.enjoy.gateway.subdomain.UserHosts;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.VertxOptions;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
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

  private final EnjoyConfig config;
  private DevIdentityProvider devProvider;
  private HubServices hub;
  /** As many listeners as Vert.x has event loops by default (twice the cores). */
  private static final int LISTENERS = VertxOptions.DEFAULT_EVENT_LOOP_POOL_SIZE;
  private static final AtomicInteger SHARED_RANDOM_PORTS = new AtomicInteger();
  private volatile int httpsPort;
  private HttpServer redirectServer;
  private TlsFiles tls;
  private volatile String publicUrl;

  public GatewayVerticle(EnjoyConfig config) {
    this.config = config;
  }

  @Override
  public Future<?> start() {
    EnjoyConfig.Oidc oidc = config.oidc();
    boolean dev = oidc.devProvider().enabled();
    Optional<String> badName = AllowListNames.problem(config.auth()).or(() -> UserHosts.problem(config.gateway()));
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
          return vertx.executeBlocking(() -> new HubRouter.Secrets(
              SecretFile.readOrCreate(secrets.resolve("xsrf-secret")),
              SecretFile.readOrCreate(secrets.resolve("session-key")),
              SecretFile.readOrCreate(secrets.resolve("token-key"))));
        }).compose(keys -> SessionRevocations.load(vertx, secrets.resolve("logouts.json"), config.gateway().sessionTimeout(), Clock.systemUTC())
            .compose(revocations -> OidcProvider.discover(vertx, oidc, iss)
                .compose(provider -> listen(provider, keys, revocations, dev, iss)))))
        .onFailure(err -> closeQuietly());
  }

  /**
   * One HTTPS listener per event loop, all on one port. Port 0 ("any free port", used by tests)
   * becomes a negative port, Vert.x's way of saying "one random port shared by every server
   * bound with this same negative value"; each gateway takes its own value so that two gateways
   * in one Vert.x never share a port. The listeners are children of this verticle, so
   * undeploying it closes them.
   */
  private Future<Void> listen(OidcProvider provider, HubRouter.Secrets secrets, SessionRevocations revocations, boolean dev, String issuer) {
    boolean devIssuer = dev && devProvider.issuerUrl().equals(issuer);
    // one for all listeners: concurrent re-checks of a session share one refresh at the issuer
    OidcAuth auth = new OidcAuth(vertx, provider, config, hub, revocations, secrets.tokens(), () -> publicUrl, devIssuer);
    HubRouter routes = new HubRouter(config, hub, auth, secrets, revocations, new SpawnTracker(vertx, hub.servers()), dev, LISTENERS,
        () -> publicUrl);
    String host = config.gateway().bindHost();
    int configured = config.gateway().httpsPort();
    int port = configured == 0 ? SHARED_RANDOM_PORTS.decrementAndGet() : configured;
    List<HubListener> listeners = new CopyOnWriteArrayList<>();
    return vertx.deployVerticle(() -> {
      HubListener listener = new HubListener(routes, host, port, configured, tls);
      listeners.add(listener);
      return listener;
    }, new DeploymentOptions().setInstances(LISTENERS)).compose(id -> {
      httpsPort = listeners.get(0).actualPort();
      publicUrl = blank(config.gateway().publicUrl()) ? "https://localhost:" + httpsPort : stripSlash(config.gateway().publicUrl());
      return listenForPlainHttp(httpsPort);
    }).onSuccess(v -> LOG.info(upLine(dev, issuer)));
  }

  /** The HTTP→HTTPS redirect listener, unless {@code gateway.http_redirect_port} is -1. */
  private Future<Void> listenForPlainHttp(int httpsPort) {
    int port = config.gateway().httpRedirectPort();
    if (port < 0) {
      return Future.succeededFuture();
    }
    return new HttpsRedirect(config.gateway().publicUrl(), httpsPort).listen(vertx, config.gateway().bindHost(), port)
        .onSuccess(s -> redirectServer = s)
        .mapEmpty();
  }

  private String upLine(boolean dev, String issuer) {
    return upLineWithoutMode(dev, issuer) + (config.gateway().subdomains()
        ? "; user servers at https://<label>." + config.gateway().userDomain() + portOf(publicUrl) + "/user/<name>/ (subdomain mode)"
        : "; user servers under " + publicUrl + "/user/<name>/ (path mode)");
  }

  private static String portOf(String url) {
    int port = java.net.URI.create(url).getPort();
    return port < 0 || port == 443 ? "" : ":" + port;
  }

  private String upLineWithoutMode(boolean dev, String issuer) {
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
    return httpsPort;
  }

  /** The port of the plain-HTTP redirect listener, or -1 when there is none. */
  public int httpRedirectPort() {
    return redirectServer == null ? -1 : redirectServer.actualPort();
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
    // the listeners are child deployments: Vert.x undeploys them before this verticle's stop
    Future<Void> closed = redirectServer == null ? Future.succeededFuture() : redirectServer.close();
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
