package io.enjoy.gateway.security;

import io.enjoy.conf.EnjoyConfig;
import io.enjoy.gateway.GatewayFixture;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** The test gateway's configuration with the listener settings these tests exercise. */
final class Configs {
  private Configs() {}

  /**
   * @param redirectPort    {@code gateway.http_redirect_port} (-1 none, 0 any free port)
   * @param upstreamTimeout {@code gateway.upstream_timeout}
   */
  static EnjoyConfig gateway(Path dataDir, List<String> users, int redirectPort, Duration upstreamTimeout) {
    EnjoyConfig base = GatewayFixture.config(dataDir, users);
    EnjoyConfig.Gateway g = base.gateway();
    return new EnjoyConfig(base.roles(), base.dataDir(),
        new EnjoyConfig.Gateway(g.bindHost(), g.httpsPort(), g.publicUrl(), g.tlsCert(), g.tlsKey(), g.sessionTimeout(),
            redirectPort, upstreamTimeout),
        base.database(), base.auth(), base.oidc(), base.spawner(), base.culler());
  }

  /** Subdomain mode: the hub on {@code publicUrl} (empty = https://localhost:port), user servers at {@code <label>.<userDomain>}. */
  static EnjoyConfig subdomains(Path dataDir, List<String> users, String publicUrl, int httpsPort, String userDomain) {
    EnjoyConfig base = GatewayFixture.config(dataDir, users);
    EnjoyConfig.Gateway g = base.gateway();
    return new EnjoyConfig(base.roles(), base.dataDir(),
        new EnjoyConfig.Gateway(g.bindHost(), httpsPort, publicUrl, g.tlsCert(), g.tlsKey(), g.sessionTimeout(),
            -1, g.upstreamTimeout(), userDomain),
        base.database(), base.auth(), base.oidc(), base.spawner(), base.culler());
  }
}
