package io.enjoy.gateway.db;

import io.vertx.pgclient.PgConnectOptions;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Properties;

/**
 * Where the database is, parsed once from {@code postgresql://[user[:password]@]host[:port]/db}
 * plus the separately configured user and password (which win when set).
 */
record DatabaseTarget(String host, int port, String database, String user, String password) {

  static DatabaseTarget parse(String url, String user, String password) {
    URI uri;
    try {
      uri = new URI(url);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("database.url '" + url + "' is not a URL: " + e.getMessage());
    }
    if (!"postgresql".equals(uri.getScheme()) && !"postgres".equals(uri.getScheme())) {
      throw new IllegalArgumentException("database.url '" + url + "' must start with postgresql://");
    }
    if (uri.getHost() == null) {
      throw new IllegalArgumentException("database.url '" + url + "' names no host");
    }
    String path = uri.getPath() == null ? "" : uri.getPath().replaceFirst("^/", "");
    String uriUser = null;
    String uriPassword = null;
    if (uri.getRawUserInfo() != null) {
      String[] parts = uri.getRawUserInfo().split(":", 2);
      uriUser = URLDecoder.decode(parts[0], StandardCharsets.UTF_8);
      uriPassword = parts.length > 1 ? URLDecoder.decode(parts[1], StandardCharsets.UTF_8) : null;
    }
    return new DatabaseTarget(
        uri.getHost(),
        uri.getPort() > 0 ? uri.getPort() : 5432,
        path.isEmpty() ? "postgres" : path,
        firstSet(user, uriUser, "postgres"),
        firstSet(password, uriPassword, ""));
  }

  private static String firstSet(String a, String b, String fallback) {
    if (a != null && !a.isEmpty()) {
      return a;
    }
    return b != null && !b.isEmpty() ? b : fallback;
  }

  String jdbcUrl() {
    return "jdbc:postgresql://" + host + ":" + port + "/" + database;
  }

  Properties jdbcProperties() {
    Properties props = new Properties();
    props.setProperty("user", user);
    props.setProperty("password", password);
    props.setProperty("connectTimeout", "10");
    props.setProperty("loginTimeout", "15");
    return props;
  }

  PgConnectOptions connectOptions() {
    return new PgConnectOptions()
        .setHost(host)
        .setPort(port)
        .setDatabase(database)
        .setUser(user)
        .setPassword(password)
        // every hub query is a fixed text with parameters: parse and plan it once per connection,
        // not on every request (planning was a good part of the users list's database time)
        .setCachePreparedStatements(true);
  }

  /** For messages: never includes the password. */
  String display() {
    return "postgresql://" + host + ":" + port + "/" + database;
  }
}
