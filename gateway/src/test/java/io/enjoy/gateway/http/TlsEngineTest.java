package io.enjoy.gateway.http;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.vertx.core.net.OpenSSLEngineOptions;
import org.junit.jupiter.api.Test;

/** The HTTPS listeners' TLS engine: BoringSSL where the gateway ships it. */
class TlsEngineTest {
  @Test
  void onLinuxX8664TheListenersUseTheShippedBoringSsl() {
    assumeTrue(System.getProperty("os.name").toLowerCase().contains("linux")
        && System.getProperty("os.arch").matches("amd64|x86_64"), "netty-tcnative is shipped for Linux x86-64 only");

    assertInstanceOf(OpenSSLEngineOptions.class, TlsEngine.forListeners(),
        "the native library did not load: " + io.netty.handler.ssl.OpenSsl.unavailabilityCause());
  }
}
