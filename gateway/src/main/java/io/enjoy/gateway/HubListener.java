package io.enjoy.gateway;

import io.enjoy.gateway.http.PortInUse;
import io.enjoy.gateway.http.SelfSignedCertificate.TlsFiles;
import io.enjoy.gateway.http.TlsEngine;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.PemKeyCertOptions;

/**
 * One HTTPS listener of the gateway, on the event loop Vert.x gave this instance. The gateway
 * deploys one per event loop, all on the same port (Vert.x hands new connections to them in
 * turn), because TLS and proxying are CPU work: with a single listener one core did all of it
 * while the others idled (the proxy benchmark measured 513 of 621 CPU samples on one thread).
 */
final class HubListener extends VerticleBase {
  private final HubRouter routes;
  private final String host;
  private final int port;
  private final int configuredPort;
  private final TlsFiles tls;
  private HttpServer server;

  /** {@code port} is what to bind (negative: a shared random port), {@code configuredPort} what the admin set. */
  HubListener(HubRouter routes, String host, int port, int configuredPort, TlsFiles tls) {
    this.routes = routes;
    this.host = host;
    this.port = port;
    this.configuredPort = configuredPort;
    this.tls = tls;
  }

  @Override
  public Future<?> start() {
    HttpServerOptions options = new HttpServerOptions()
        .setHost(host)
        .setPort(port)
        .setSsl(true)
        .setSslEngineOptions(TlsEngine.forListeners())
        .setKeyCertOptions(new PemKeyCertOptions().setCertPath(tls.certPath().toString()).setKeyPath(tls.keyPath().toString()))
        .setMaxHeaderSize(16 * 1024);
    return vertx.createHttpServer(options).requestHandler(routes.build(vertx)).listen()
        .recover(e -> Future.failedFuture(PortInUse.explain(e, "gateway.https_port", host, configuredPort)))
        .onSuccess(s -> server = s);
  }

  /** The port this listener got (the configured one, or the one the system chose for port 0). */
  int actualPort() {
    return server.actualPort();
  }
}
