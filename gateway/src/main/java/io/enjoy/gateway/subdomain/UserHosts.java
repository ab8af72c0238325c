package io.enjoy.gateway.subdomain;

import io.enjoy.conf.EnjoyConfig;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.HostAndPort;
import java.net.URI;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Which host a request is for in subdomain mode: the hub's own (the host of the public URL), a
 * user's ({@code <label>.<user_domain>}), or neither, which is refused. Only the host name counts,
 * not the port: every host is served on the listener's one port, and the URLs built here carry
 * the public URL's port so that redirects land on the same listener.
 */
public final class UserHosts {
  private final String domain;
  private final Supplier<String> publicUrl;
  private volatile URI hub;

  /** @param publicUrl the hub's public URL, e.g. {@code https://hub.example.edu}; known once the listeners are up */
  public UserHosts(String domain, Supplier<String> publicUrl) {
    this.domain = domain.toLowerCase(Locale.ROOT);
    this.publicUrl = publicUrl;
  }

  /** Why this gateway configuration cannot run subdomain mode, or empty. */
  public static Optional<String> problem(EnjoyConfig.Gateway gateway) {
    if (!gateway.subdomains()) {
      return Optional.empty();
    }
    String hubHost = gateway.publicUrl().isBlank() ? "localhost" : URI.create(gateway.publicUrl()).getHost().toLowerCase(Locale.ROOT);
    String domain = gateway.userDomain();
    if (hubHost.endsWith("." + domain) && UserLabel.isValidDnsLabel(hubHost.substring(0, hubHost.length() - domain.length() - 1))) {
      return Optional.of("gateway.public_url's host " + hubHost + " is one label below gateway.user_domain " + domain
          + ", where user servers live: the user whose label is '" + hubHost.substring(0, hubHost.indexOf('.'))
          + "' would get the hub's origin. Serve the hub on " + domain + " itself or outside it.");
    }
    return Optional.empty();
  }

  /** The user-host label this request is for, or empty when its Host is not {@code <label>.<user_domain>}. */
  public Optional<String> labelOf(HttpServerRequest request) {
    String host = host(request);
    if (host == null || !host.endsWith("." + domain)) {
      return Optional.empty();
    }
    String label = host.substring(0, host.length() - domain.length() - 1);
    return UserLabel.isValidDnsLabel(label) ? Optional.of(label) : Optional.empty();
  }

  /** True when the request's Host is the hub's own. */
  public boolean isHub(HttpServerRequest request) {
    String host = host(request);
    return host != null && host.equals(hub().getHost().toLowerCase(Locale.ROOT));
  }

  /** {@code <label>.<user_domain>} of this user, without port. */
  public String hostOf(String user) {
    return UserLabel.of(user) + "." + domain;
  }

  /** The host name (no port) a label stands for. */
  public String hostOfLabel(String label) {
    return label + "." + domain;
  }

  /** {@code https://<label>.<user_domain>[:port]} of a user host. */
  public String originOfHost(String host) {
    int port = hub().getPort();
    return "https://" + host + (port < 0 ? "" : ":" + port);
  }

  /** {@code https://<label>.<user_domain>[:port]}: where this user's server is served. */
  public String originOf(String user) {
    return originOfHost(hostOf(user));
  }

  /** The hub's origin, e.g. {@code https://hub.example.edu}. */
  public String hubOrigin() {
    URI uri = hub();
    return uri.getScheme() + "://" + uri.getRawAuthority();
  }

  private URI hub() {
    URI known = hub;
    if (known == null) {
      known = URI.create(publicUrl.get());
      hub = known;
    }
    return known;
  }

  /** The request's host name, lower case, without port; null without a Host header. */
  static String host(HttpServerRequest request) {
    HostAndPort authority = request.authority();
    return authority == null || authority.host() == null ? null : authority.host().toLowerCase(Locale.ROOT);
  }
}
