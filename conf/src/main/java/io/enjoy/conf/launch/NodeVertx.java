package io.enjoy.conf.launch;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Vert.x instance of a node. It prefers Netty's native epoll transport (on the gateway's
 * proxy path epoll costs less CPU per request than the JDK's NIO selector: see
 * bench/proxy/RESULTS.md); where the native library cannot be loaded (another OS or CPU, the jar
 * not on the classpath, {@code -Dio.netty.transport.noNative=true}) Vert.x falls back to NIO, and
 * the start log says which transport runs and why.
 */
public final class NodeVertx {
  private static final Logger LOG = LoggerFactory.getLogger(NodeVertx.class);

  private NodeVertx() {}

  public static Vertx create() {
    Vertx vertx = Vertx.builder().with(new VertxOptions().setPreferNativeTransport(true)).build();
    LOG.info("network transport: {}", transportName(vertx));
    return vertx;
  }

  /** "native (epoll)" or "NIO (native transport unavailable: cause)". */
  public static String transportName(Vertx vertx) {
    if (vertx.isNativeTransportEnabled()) {
      return "native (epoll)";
    }
    Throwable cause = vertx.unavailableNativeTransportCause();
    return "NIO (native transport unavailable: " + (cause == null ? "unknown" : cause.getMessage()) + ")";
  }
}
