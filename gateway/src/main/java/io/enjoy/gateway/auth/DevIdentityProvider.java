package io.enjoy.gateway.auth;

import io.enjoy.conf.EnjoyConfig;
import io.enjoy.gateway.http.PortInUse;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.net.InetAddress;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.OAuth2Config;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The built-in development OIDC provider: mock-oauth2-server running in this JVM with its
 * interactive login form, where any user name can be typed (it becomes the ID token's
 * {@code sub}). It checks no password at all, so it is only for demos and tests, and says so in
 * the log and on the hub's pages.
 *
 * <p>Its login form ({@code GET <issuer>/authorize?...}) is a {@code <form method="post">} to the
 * same URL with the fields {@code username} (text, required) and {@code claims} (optional JSON
 * object of extra claims, e.g. {@code {"preferred_username": "student"}}).
 */
public final class DevIdentityProvider {
  private static final Logger LOG = LoggerFactory.getLogger(DevIdentityProvider.class);
  /** The issuer id: the issuer URL is {@code http://<bind_host>:<port>/enjoy-dev}. */
  public static final String ISSUER_ID = "enjoy-dev";

  private final MockOAuth2Server server;
  private final String issuerUrl;

  private DevIdentityProvider(MockOAuth2Server server, String issuerUrl) {
    this.server = server;
    this.issuerUrl = issuerUrl;
  }

  /** Starts the provider on {@code oidc.dev_provider.bind_host:port} (port 0 = a free one). */
  public static Future<DevIdentityProvider> start(Vertx vertx, EnjoyConfig.DevProvider config) {
    return vertx.executeBlocking(() -> {
      MockOAuth2Server server = new MockOAuth2Server(new OAuth2Config(true, null, null, false));
      try {
        server.start(InetAddress.getByName(config.bindHost()), config.port());
      } catch (RuntimeException e) {
        Throwable explained = PortInUse.explain(e, "oidc.dev_provider.port", config.bindHost(), config.port());
        throw explained instanceof RuntimeException r ? r : e;
      }
      String issuer = stripSlash(server.issuerUrl(ISSUER_ID).toString());
      LOG.warn("DEVELOPMENT ONLY — not for production: the built-in login provider at {} lets anyone log in "
          + "as any user name without a password (oidc.dev_provider.enabled)", issuer);
      return new DevIdentityProvider(server, issuer);
    });
  }

  /** Issuer URL without a trailing slash, as OIDC discovery compares it. */
  public String issuerUrl() {
    return issuerUrl;
  }

  public Future<Void> stop(Vertx vertx) {
    return vertx.executeBlocking(() -> {
      server.shutdown();
      return null;
    });
  }

  private static String stripSlash(String url) {
    return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
  }
}
