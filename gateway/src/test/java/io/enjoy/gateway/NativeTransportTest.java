package io.enjoy.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.enjoy.conf.launch.NodeVertx;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.Test;

/**
 * The gateway ships Netty's epoll library for Linux x86-64, so a node there runs on the native
 * transport (cheaper per proxied request than NIO) and its start log says so.
 */
class NativeTransportTest {
  @Test
  void onLinuxX86_64TheNodeRunsOnTheNativeEpollTransport() {
    assumeTrue(System.getProperty("os.name").equals("Linux") && System.getProperty("os.arch").equals("amd64"),
        "the shipped native library is for Linux x86-64 only");
    Vertx vertx = NodeVertx.create();
    try {
      assertTrue(vertx.isNativeTransportEnabled(), NodeVertx.transportName(vertx));
      assertEquals("native (epoll)", NodeVertx.transportName(vertx));
    } finally {
      GatewayFixture.await(vertx.close());
    }
  }
}
