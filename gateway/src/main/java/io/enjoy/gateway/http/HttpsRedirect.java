package io.enjoy.gateway.http;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.HostAndPort;
import java.net.URI;
import java.util.regex.Pattern;

/**
 * The plain-HTTP listener ({@code gateway.http_redirect_port}): every request gets a 301 to the
 * same path on HTTPS and nothing else; no cookie is read or set and no body is read, so nothing
 * of a session ever travels over plain HTTP (T38). The target host is the public URL's when one
 * is configured (a forged Host header cannot send the browser elsewhere), else the host the
 * browser asked for on the HTTPS port.
 */
public final class HttpsRedirect {
  /** A DNS name or IPv4 address; anything else in Host is answered 400. */
  private static final Pattern HOST_NAME = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9.-]{0,251}[A-Za-z0-9])?");

  private final String publicOrigin;
  private final int httpsPort;

  /**
   * @param publicUrl {@code gateway.public_url}, or empty
   * @param httpsPort the port of the HTTPS listener (used when no public URL is set)
   */
  public HttpsRedirect(String publicUrl, int httpsPort) {
    this.publicOrigin = publicUrl == null || publicUrl.isBlank() ? null : origin(URI.create(publicUrl));
    this.httpsPort = httpsPort;
  }

  public Future<HttpServer> listen(Vertx vertx, String host, int port) {
    HttpServerOptions options = new HttpServerOptions().setHost(host).setPort(port).setMaxHeaderSize(8 * 1024);
    return vertx.createHttpServer(options).requestHandler(this::handle).listen()
        .recover(e -> Future.failedFuture(PortInUse.explain(e, "gateway.http_redirect_port", host, port)));
  }

  void handle(HttpServerRequest request) {
    String origin = publicOrigin != null ? publicOrigin : originFromHost(request.authority());
    if (origin == null) {
      request.response().setStatusCode(400).putHeader("Connection", "close").end("Bad Host header\n");
      return;
    }
    String uri = request.uri();
    String path = uri.startsWith("/") && !uri.startsWith("//") ? uri : "/";
    request.response().setStatusCode(301)
        .putHeader("Location", origin + path)
        .putHeader("Cache-Control", "no-store")
        .putHeader("Connection", "close")
        .end();
  }

  private String originFromHost(HostAndPort authority) {
    if (authority == null || !HOST_NAME.matcher(authority.host()).matches()) {
      return null;
    }
    return "https://" + authority.host() + (httpsPort == 443 ? "" : ":" + httpsPort);
  }

  private static String origin(URI url) {
    return "https://" + url.getHost() + (url.getPort() < 0 || url.getPort() == 443 ? "" : ":" + url.getPort());
  }
}
