package io.enjoy.gateway.proxy;

import io.enjoy.conf.bus.ServerKey;
import io.enjoy.gateway.servers.Route;
import io.enjoy.gateway.servers.RouteTable;
import io.vertx.core.Future;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The user named by a {@code /user/<name>/...} path: the first segment after {@code /user/},
 * percent-decoded ({@code +} stays a plus, as in any path). Pure parsing, no I/O.
 *
 * @param name         the decoded user name
 * @param hasSlash     false for {@code /user/<name>} without the trailing slash
 * @param next         the decoded segment after the name, or "" when there is none: the name of a
 *                     named server ({@code /user/<name>/<server>/...}) if the user has one by
 *                     that name, running or not, else part of the default server's path (as
 *                     JupyterHub decides it)
 */
public record UserPath(String name, boolean hasSlash, String next) {
  static final String PREFIX = "/user/";

  /** Empty when the path is not under {@code /user/}, the segment is empty or not valid percent-encoding. */
  public static Optional<UserPath> parse(String path) {
    if (path == null || !path.startsWith(PREFIX)) {
      return Optional.empty();
    }
    int end = path.indexOf('/', PREFIX.length());
    String segment = end < 0 ? path.substring(PREFIX.length()) : path.substring(PREFIX.length(), end);
    if (segment.isEmpty()) {
      return Optional.empty();
    }
    try {
      String name = decode(segment);
      String next = "";
      if (end >= 0) {
        int nextEnd = path.indexOf('/', end + 1);
        next = decode(nextEnd < 0 ? path.substring(end + 1) : path.substring(end + 1, nextEnd));
      }
      return name.isEmpty() ? Optional.empty() : Optional.of(new UserPath(name, end >= 0, next));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  /** The route serving this path: the named server {@link #next} if it is routed, else the default server. */
  public Optional<Route> route(RouteTable routes) {
    Optional<Route> named = next.isEmpty() ? Optional.empty() : routes.lookup(name, next);
    return named.isPresent() ? named : routes.lookup(name, "");
  }

  /**
   * The server this path belongs to, from memory only: the named server {@link #next} if the user
   * has one by that name (running or stopped, as JupyterHub decides it), else the default server.
   */
  public ServerKey key(RouteTable routes) {
    boolean named = !next.isEmpty() && (routes.lookup(name, next).isPresent() || routes.hasNamedServer(name, next));
    return named ? new ServerKey(name, next) : ServerKey.defaultServer(name);
  }

  /**
   * The route of {@link #key}'s server, reloaded from PostgreSQL on a miss (after a hub restart,
   * or a stopped server). Which server a path belongs to is decided in memory: asking the
   * database whether {@code api} or {@code notebooks} is a server name on each of the default
   * server's requests would put a query on the proxy's hot path.
   */
  public Future<Optional<Route>> resolve(RouteTable routes) {
    Optional<Route> named = next.isEmpty() ? Optional.empty() : routes.lookup(name, next);
    if (named.isPresent()) {
      return Future.succeededFuture(named);
    }
    ServerKey key = key(routes);
    return routes.resolve(key.user(), key.server());
  }

  private static String decode(String segment) {
    return URLDecoder.decode(segment.replace("+", "%2B"), StandardCharsets.UTF_8);
  }
}
