package io.enjoy.conf.schema;

import static io.enjoy.conf.schema.Constraint.between;
import static io.enjoy.conf.schema.Constraint.distinctItems;
import static io.enjoy.conf.schema.Constraint.domainOrEmpty;
import static io.enjoy.conf.schema.Constraint.none;
import static io.enjoy.conf.schema.Constraint.notBlank;
import static io.enjoy.conf.schema.Constraint.notNegative;
import static io.enjoy.conf.schema.Constraint.oneOf;
import static io.enjoy.conf.schema.Constraint.positive;
import static io.enjoy.conf.schema.Constraint.urlOrEmpty;
import static io.enjoy.conf.schema.ValueType.BOOLEAN;
import static io.enjoy.conf.schema.ValueType.DECIMAL;
import static io.enjoy.conf.schema.ValueType.DURATION;
import static io.enjoy.conf.schema.ValueType.INTEGER;
import static io.enjoy.conf.schema.ValueType.LIST;
import static io.enjoy.conf.schema.ValueType.PATH;
import static io.enjoy.conf.schema.ValueType.SIZE;
import static io.enjoy.conf.schema.ValueType.STRING;

import io.enjoy.conf.schema.Setting.PathBase;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The one table of every configuration key of {@link io.enjoy.conf.EnjoyConfig}: name, type,
 * default, constraint and documentation. The loader, the environment overrides, the error
 * messages and the documented {@code conf/enjoy.yaml} ({@link ConfigTemplate}) all come from
 * here; {@link RecordBinder} checks at start that the table and the records agree.
 */
public final class EnjoySchema {
  private EnjoySchema() {}

  /** Every setting, in the order {@code conf/enjoy.yaml} documents them. */
  public static final List<Setting<?>> SETTINGS = List.of(
      s("roles", LIST, "gateway,spawner,culler", distinctItems(true), null, """
          Which services this node runs, deployed in this order. One node with all three is the
          embedded setup; in a cluster each node lists its share (e.g. [spawner] on a Docker host)."""),
      s("data_dir", PATH, "./var", none(), PathBase.WORKING_DIR, """
          Where this node keeps its state: embedded database, generated TLS certificate, homes.
          A relative path is resolved against the directory the process runs in."""),

      s("gateway.bind_host", STRING, "127.0.0.1", notBlank(), null, """
          Interface the HTTPS listener binds. Production: 0.0.0.0, or the address the load balancer reaches."""),
      s("gateway.https_port", INTEGER, "8443", between(0, 65535), null, """
          HTTPS port; 0 picks a free port (tests)."""),
      s("gateway.public_url", STRING, "", urlOrEmpty("https", "http"), null, """
          The URL browsers use, e.g. https://hub.example.edu; empty = https://localhost:<https_port>.
          Production: set it, because OIDC redirect URIs are built from it."""),
      s("gateway.tls_cert", STRING, "", none(), null, """
          PEM certificate chain (path). Empty = a self-signed certificate generated under data_dir.
          Production: the host certificate, e.g. /etc/enjoy/host.crt."""),
      s("gateway.tls_key", STRING, "", none(), null, """
          PEM private key belonging to tls_cert (path), e.g. /etc/enjoy/host.key; set both or neither."""),
      s("gateway.session_timeout", DURATION, "8h", positive(), null, """
          How long an unused hub login session stays valid."""),
      s("gateway.http_redirect_port", INTEGER, "8080", between(-1, 65535), null, """
          Plain-HTTP port that answers every request with a permanent redirect to the HTTPS
          URL (nothing else is served there); -1 = no such listener, 0 = a free port.
          Production: 80, unless a load balancer in front already redirects."""),
      s("gateway.upstream_timeout", DURATION, "60s", positive(), null, """
          How long the proxy waits for a user server to start answering a request (its response
          headers) before it gives up, frees the connection and answers 503. Streaming responses
          and open WebSockets are not cut by it."""),
      s("gateway.user_domain", STRING, "", domainOrEmpty(), null, """
          Per-user subdomain mode, the production setting: each user's server is served at
          https://<user-label>.<user_domain>/ (its own browser origin, so one user's pages cannot
          read another's) while the hub stays on the host of public_url. Needs a wildcard DNS
          record *.<user_domain> pointing at the gateway and a certificate valid for the hub
          host and *.<user_domain> (the self-signed one includes both). The hub host may be
          user_domain itself (hub.example.edu with users at <label>.hub.example.edu) but not
          one label below it. Empty = path mode: servers at <public_url>/user/<name>/, one
          origin for everybody (no isolation between users' pages)."""),

      s("database.embedded", BOOLEAN, "true", none(), null, """
          true = run PostgreSQL from the embedded binaries under data_dir (demo, single node).
          Production: false, with url/user/password of an external PostgreSQL."""),
      s("database.url", STRING, "", urlOrEmpty("postgresql"), null, """
          postgresql://host:port/database of the external server; required when embedded is false."""),
      s("database.user", STRING, "", none(), null, """
          Database user for the external server."""),
      s("database.password", STRING, "", none(), null, """
          Database password; better set through ENJOY_DATABASE__PASSWORD than written here."""),

      s("auth.allowed_users", LIST, "", distinctItems(false), null, """
          User names (as the username_claim gives them) who may log in. Empty with allow_all
          false admits nobody: a fresh install is closed until you list someone."""),
      s("auth.admin_users", LIST, "", distinctItems(false), null, """
          User names with admin rights (for now: the REST API on any user's behalf); they may
          always log in."""),
      s("auth.allow_all", BOOLEAN, "false", none(), null, """
          true admits every user the OIDC issuer authenticates. Use only with a course-specific issuer."""),
      s("auth.allowed_groups", LIST, "", distinctItems(false), null, """
          Groups (as the ID token's oidc.groups_claim lists them at login) whose members may log
          in, in addition to allowed_users; e.g. the course group physics-101."""),
      s("auth.admin_groups", LIST, "", distinctItems(false), null, """
          Groups whose members get admin rights at login (and may always log in)."""),

      s("oidc.issuer", STRING, "", urlOrEmpty("https", "http"), null, """
          OIDC issuer URL (discovery at <issuer>/.well-known/openid-configuration).
          Empty = the development provider below. Production: the university's issuer,
          e.g. https://sso.example.edu/realms/course."""),
      s("oidc.client_id", STRING, "enjoy", notBlank(), null, """
          The client id registered for the hub at the issuer."""),
      s("oidc.client_secret", STRING, "dev-secret", none(), null, """
          The client secret; production: set it through ENJOY_OIDC__CLIENT_SECRET."""),
      s("oidc.username_claim", STRING, "preferred_username", notBlank(), null, """
          The ID-token claim that becomes the hub user name (used exactly, never case-folded)."""),
      s("oidc.scopes", LIST, "openid,profile,email", distinctItems(true), null, """
          Scopes requested at login; must include openid."""),
      s("oidc.groups_claim", STRING, "groups", notBlank(), null, """
          The ID-token claim holding the user's groups (a list of names), read for
          auth.allowed_groups and auth.admin_groups. Keycloak: a Group Membership mapper
          with "Full group path" off."""),
      s("oidc.recheck_interval", DURATION, "5m", positive(), null, """
          How often a logged-in session is re-validated at the issuer with its refresh token:
          groups are read again, so someone removed from the course group loses access at the
          next check; a refused refresh ends the session."""),
      s("oidc.logout_at_idp", BOOLEAN, "true", none(), null, """
          true = logging out of the hub also ends the issuer's session (end_session_endpoint
          with id_token_hint), so the next login asks for the password again on shared PCs."""),
      s("oidc.dev_provider.enabled", BOOLEAN, "true", none(), null, """
          The built-in development login provider: anyone can type any name. DEVELOPMENT ONLY;
          production: false, together with a real issuer."""),
      s("oidc.dev_provider.bind_host", STRING, "127.0.0.1", notBlank(), null, """
          Interface the development provider binds."""),
      s("oidc.dev_provider.port", INTEGER, "8081", between(0, 65535), null, """
          Port of the development provider; 0 picks a free port."""),

      s("spawner.backend", STRING, "auto", oneOf("auto", "docker", "local"), null, """
          auto = Docker when an engine answers at docker_host, local processes otherwise;
          docker or local force one."""),
      s("spawner.image", STRING, "enjoy/worker:latest", notBlank(), null, """
          The image every user server runs."""),
      s("spawner.home_root", PATH, "homes", none(), PathBase.DATA_DIR, """
          Host directory with one home directory per user; relative = inside data_dir.
          Production: a backed-up volume."""),
      s("spawner.docker_host", STRING, "unix:///var/run/docker.sock", notBlank(), null, """
          Docker engine endpoint."""),
      s("spawner.start_timeout", DURATION, "60s", positive(), null, """
          Deadline for starting a server, including image pull and readiness."""),
      s("spawner.http_timeout", DURATION, "30s", positive(), null, """
          Deadline for the worker to answer its readiness probe once the container runs."""),
      s("spawner.mem_limit", SIZE, "1g", none(), null, """
          Memory limit per server (512m, 1g, or bytes); 0 = none."""),
      s("spawner.cpu_limit", DECIMAL, "1.0", notNegative(), null, """
          CPU limit per server in cores; 0 = none."""),
      s("spawner.hub_url_for_workers", STRING, "", urlOrEmpty("https", "http"), null, """
          How a worker reaches the hub API to push its activity reports; empty = no pushes. Not
          needed for culling: the hub reads each worker's own activity (notebook WebSocket
          traffic, busy kernels) from its status endpoint."""),
      s("spawner.worker_dist", PATH, "worker/target/dist", none(), PathBase.INSTALL_DIR, """
          Directory whose lib/ holds the worker's jars (the local backend runs them, the image is
          built from them); relative = inside the installation directory ($ENJOY_HOME)."""),
      s("spawner.named_server_limit", INTEGER, "3", between(0, 100), null, """
          Named servers (/user/<name>/<server>/) a user may run at once besides the default
          one (JupyterHub's named_server_limit_per_user); 0 = named servers off."""),

      s("culler.enabled", BOOLEAN, "true", none(), null, """
          false = never stop idle servers."""),
      s("culler.timeout", DURATION, "600s", positive(), null, """
          A server whose last activity (proxied traffic, or the worker's own: WebSocket messages,
          a busy kernel) is older than this is stopped."""),
      s("culler.every", DURATION, "60s", positive(), null, """
          How often the culler looks."""),
      s("culler.max_age", DURATION, "0", none(), null, """
          Stop servers running longer than this even if active; 0 = off."""));

  /** Section comments for {@code conf/enjoy.yaml}. */
  public static final Map<String, String> SECTIONS = sections();

  /** Rules across settings, checked after each setting parsed on its own. */
  public static final List<CrossRule> RULES = List.of(
      new CrossRule("database.url", List.of("database.embedded", "database.url"),
          v -> !(Boolean) v.get("database.embedded") && ((String) v.get("database.url")).isEmpty(),
          "required when database.embedded is false"),
      new CrossRule("gateway.tls_key", List.of("gateway.tls_cert", "gateway.tls_key"),
          v -> !((String) v.get("gateway.tls_cert")).isEmpty() && ((String) v.get("gateway.tls_key")).isEmpty(),
          "required when gateway.tls_cert is set (the certificate's private key)"),
      new CrossRule("gateway.tls_cert", List.of("gateway.tls_cert", "gateway.tls_key"),
          v -> ((String) v.get("gateway.tls_cert")).isEmpty() && !((String) v.get("gateway.tls_key")).isEmpty(),
          "required when gateway.tls_key is set (the key's certificate chain)"),
      new CrossRule("oidc.issuer", List.of("oidc.issuer", "oidc.dev_provider.enabled"),
          v -> ((String) v.get("oidc.issuer")).isEmpty() && !(Boolean) v.get("oidc.dev_provider.enabled"),
          "required when oidc.dev_provider.enabled is false (nobody could log in)"),
      new CrossRule("oidc.scopes", List.of("oidc.scopes"),
          v -> !((List<?>) v.get("oidc.scopes")).contains("openid"),
          "must include openid"),
      new CrossRule("culler.max_age", List.of("culler.max_age"),
          v -> ((Duration) v.get("culler.max_age")).isNegative(),
          "must not be negative"));

  private static Map<String, String> sections() {
    Map<String, String> docs = new LinkedHashMap<>();
    docs.put("gateway", "The hub: HTTPS, login, hub pages and API, and the proxy to user servers.");
    docs.put("database", "Where the hub keeps users, servers, tokens and activity.");
    docs.put("auth", "Who may log in and who is admin.");
    docs.put("oidc", "Single sign-on (OpenID Connect).");
    docs.put("oidc.dev_provider", "Built-in development login provider - not for production.");
    docs.put("spawner", "Starting and stopping user servers.");
    docs.put("culler", "Stopping idle servers.");
    return Collections.unmodifiableMap(docs);
  }

  private static <T> Setting<T> s(String key, ValueType<T> type, String defaultText, Constraint<? super T> constraint,
      PathBase base, String doc) {
    return new Setting<>(key, type, defaultText, constraint, base, doc);
  }

  /** The setting called {@code key}, or {@code null}. */
  public static Setting<?> find(String key) {
    for (Setting<?> s : SETTINGS) {
      if (s.key().equals(key)) {
        return s;
      }
    }
    return null;
  }

  /** True when {@code prefix} names a section, i.e. some setting lives under {@code prefix.}. */
  public static boolean isSection(String prefix) {
    return SETTINGS.stream().anyMatch(s -> s.key().startsWith(prefix + "."));
  }

  /** The names directly inside {@code section} ({@code ""} = top level): keys and sub-sections, in table order. */
  public static Set<String> childNames(String section) {
    String prefix = section.isEmpty() ? "" : section + ".";
    Set<String> names = new LinkedHashSet<>();
    for (Setting<?> s : SETTINGS) {
      if (s.key().startsWith(prefix)) {
        String rest = s.key().substring(prefix.length());
        int dot = rest.indexOf('.');
        names.add(dot < 0 ? rest : rest.substring(0, dot));
      }
    }
    return names;
  }
}
