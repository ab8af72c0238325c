package io.enjoy.gateway.http;

import io.vertx.core.net.JdkSSLEngineOptions;
import io.vertx.core.net.OpenSSLEngineOptions;
import io.vertx.core.net.SSLEngineOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which TLS implementation the HTTPS listeners use. BoringSSL (netty-tcnative, shipped for Linux
 * x86-64) when its native library loads: the proxy benchmark measured the JDK's SSLEngine
 * (AES-GCM record encryption, X25519 handshakes) at about a fifth of the gateway's CPU per
 * proxied request, and far more for large responses. Anywhere the native library cannot load
 * (another platform, a locked-down temp directory) the JDK engine serves instead; the log says
 * which one is in use and, for the fallback, why.
 */
public final class TlsEngine {
  private static final Logger LOG = LoggerFactory.getLogger(TlsEngine.class);
  private static volatile SSLEngineOptions chosen;

  private TlsEngine() {}

  /** The engine for the hub's HTTPS listeners, chosen (and logged) once per JVM. */
  public static SSLEngineOptions forListeners() {
    SSLEngineOptions engine = chosen;
    if (engine == null) {
      synchronized (TlsEngine.class) {
        if (chosen == null) {
          chosen = choose();
        }
        engine = chosen;
      }
    }
    return engine.copy();
  }

  private static SSLEngineOptions choose() {
    if (OpenSSLEngineOptions.isAvailable()) {
      LOG.info("TLS: OpenSSL engine ({})", io.netty.handler.ssl.OpenSsl.versionString());
      return new OpenSSLEngineOptions();
    }
    Throwable cause = io.netty.handler.ssl.OpenSsl.unavailabilityCause();
    LOG.warn("TLS: the JDK's engine (slower); the OpenSSL engine is not available: {}",
        cause == null ? "unknown reason" : cause.toString());
    return new JdkSSLEngineOptions();
  }
}
