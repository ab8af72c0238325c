package io.enjoy.gateway;

import io.enjoy.conf.ConfigLoader;
import io.enjoy.conf.EnjoyConfig;
import io.enjoy.conf.launch.NodeVertx;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.net.PemTrustOptions;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.ext.web.client.WebClientSession;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A real gateway for tests: embedded PostgreSQL, the development OIDC provider
 * (mock-oauth2-server), a self-signed certificate under a temporary data dir, HTTPS on a free
 * port; and browser-like clients (a {@link WebClientSession} keeping cookies, trusting exactly
 * the gateway's certificate) that log in through the real authorization-code flow.
 */
public final class GatewayFixture implements AutoCloseable {
  public final Vertx vertx;
  public final GatewayVerticle gateway;
  public final EnjoyConfig config;
  private final WebClient client;

  private GatewayFixture(Vertx vertx, GatewayVerticle gateway, EnjoyConfig config, WebClient client) {
    this.vertx = vertx;
    this.gateway = gateway;
    this.config = config;
    this.client = client;
  }

  public static GatewayFixture start(Path dataDir, List<String> allowedUsers) {
    return start(config(dataDir, allowedUsers));
  }

  /** A gateway on exactly this configuration. */
  public static GatewayFixture start(EnjoyConfig config) {
    Vertx vertx = NodeVertx.create(); // as the product creates it (native transport where available)
    GatewayVerticle gateway = new GatewayVerticle(config);
    try {
      await(vertx.deployVerticle(gateway));
    } catch (RuntimeException e) {
      vertx.close();
      throw e;
    }
    WebClient client = WebClient.create(vertx, new WebClientOptions()
        .setSsl(true)
        .setTrustOptions(new PemTrustOptions().addCertPath(gateway.tls().certPath().toString()))
        .setFollowRedirects(false)
        .setVerifyHost(true));
    return new GatewayFixture(vertx, gateway, config, client);
  }

  public static EnjoyConfig config(Path dataDir, List<String> allowedUsers) {
    EnjoyConfig d = ConfigLoader.defaults();
    return new EnjoyConfig(
        List.of("gateway"),
        dataDir,
        new EnjoyConfig.Gateway("127.0.0.1", 0, "", "", "", Duration.ofHours(1)),
        d.database(),
        new EnjoyConfig.Auth(allowedUsers, List.of(), false),
        new EnjoyConfig.Oidc("", "enjoy", "dev-secret", "preferred_username", List.of("openid", "profile"),
            new EnjoyConfig.DevProvider(true, "127.0.0.1", 0)),
        new EnjoyConfig.Spawner("local", "enjoy/worker:test", dataDir.resolve("homes"), d.spawner().dockerHost(),
            Duration.ofSeconds(20), Duration.ofSeconds(10), 0, 0, "", dataDir.resolve("dist")),
        new EnjoyConfig.Culler(false, Duration.ofMinutes(10), Duration.ofMinutes(1), Duration.ZERO));
  }

  public String url(String path) {
    return gateway.publicUrl() + path;
  }

  /** A fresh browser: its own cookie jar. */
  public WebClientSession browser() {
    return WebClientSession.create(client);
  }

  public HttpResponse<Buffer> get(WebClient browser, String pathOrUrl) {
    return await(browser.requestAbs(HttpMethod.GET, absolute(pathOrUrl)).send());
  }

  public HttpResponse<Buffer> postForm(WebClient browser, String pathOrUrl, MultiMap form) {
    return await(browser.requestAbs(HttpMethod.POST, absolute(pathOrUrl)).sendForm(form));
  }

  private String absolute(String pathOrUrl) {
    return pathOrUrl.startsWith("http") ? pathOrUrl : url(pathOrUrl);
  }

  /**
   * Logs in through the real flow: /hub/oauth_login → the provider's login form (submitted with
   * the field {@code username}) → /hub/oauth_callback. Returns the callback's response (302 to
   * {@code next} on success).
   */
  public HttpResponse<Buffer> login(WebClientSession browser, String username, String next) {
    return login(browser, username, next, "");
  }

  /**
   * As {@link #login(WebClientSession, String, String)}, typing {@code claimsJson} into the
   * provider's claims box: those claims go into (and may override) the ID token's claims.
   */
  public HttpResponse<Buffer> login(WebClientSession browser, String username, String next, String claimsJson) {
    String start = "/hub/oauth_login" + (next == null ? "" : "?next=" + java.net.URLEncoder.encode(next, java.nio.charset.StandardCharsets.UTF_8));
    HttpResponse<Buffer> toProvider = get(browser, start);
    expectStatus(toProvider, 302);
    String authorize = toProvider.getHeader("Location");
    HttpResponse<Buffer> form = get(browser, authorize);
    expectStatus(form, 200);
    if (!form.bodyAsString().contains("name=\"username\"")) {
      throw new AssertionError("the provider's login form has no username field: " + form.bodyAsString());
    }
    HttpResponse<Buffer> submitted = postForm(browser, authorize, MultiMap.caseInsensitiveMultiMap().add("username", username).add("claims", claimsJson));
    expectStatus(submitted, 302);
    String callback = submitted.getHeader("Location");
    if (!callback.startsWith(url("/hub/oauth_callback"))) {
      throw new AssertionError("provider redirected elsewhere: " + callback);
    }
    return get(browser, callback);
  }

  /** Logs in and checks it worked. */
  public WebClientSession loggedIn(String username) {
    WebClientSession browser = browser();
    HttpResponse<Buffer> done = login(browser, username, null);
    expectStatus(done, 302);
    return browser;
  }

  /**
   * Logs out as a user does: {@code GET /hub/logout} shows the confirmation page, its form POSTs
   * with the XSRF token. Returns the POST's response: 302 to the login page, or (with
   * {@code oidc.logout_at_idp}, as here) 200 with a page that moves on to the issuer's logout.
   */
  public HttpResponse<Buffer> logOut(WebClientSession browser) {
    HttpResponse<Buffer> confirm = get(browser, "/hub/logout");
    expectStatus(confirm, 200);
    return postForm(browser, "/hub/logout", MultiMap.caseInsensitiveMultiMap().add("X-XSRF-TOKEN", xsrfToken(confirm.bodyAsString())));
  }

  /** The XSRF token of the first form on a page. */
  public static String xsrfToken(String html) {
    Matcher m = Pattern.compile("name=\"X-XSRF-TOKEN\" value=\"([^\"]+)\"").matcher(html);
    if (!m.find()) {
      throw new AssertionError("no XSRF token in page: " + html);
    }
    return m.group(1);
  }

  /** Where a Location header points, resolved against the gateway's origin (as a browser would). */
  public URI resolveLocation(String location) {
    return URI.create(gateway.publicUrl() + "/").resolve(location);
  }

  public static void expectStatus(HttpResponse<Buffer> response, int status) {
    if (response.statusCode() != status) {
      throw new AssertionError("expected " + status + " but got " + response.statusCode() + " " + response.headers() + "\n" + response.bodyAsString());
    }
  }

  public static <T> T await(Future<T> future) {
    try {
      return future.toCompletionStage().toCompletableFuture().get(90, TimeUnit.SECONDS);
    } catch (java.util.concurrent.ExecutionException e) {
      throw e.getCause() instanceof RuntimeException r ? r : new RuntimeException(e.getCause());
    } catch (Exception e) {
      throw new RuntimeException(e);
    }
  }

  @Override
  public void close() {
    client.close();
    await(vertx.close());
  }
}
