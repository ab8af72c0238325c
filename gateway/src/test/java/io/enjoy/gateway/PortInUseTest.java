package io.enjoy.gateway;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.enjoy.conf.EnjoyConfig;
import io.vertx.core.Vertx;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A port someone else holds is reported as the setting to change, not as a socket stack trace. */
class PortInUseTest {
  @TempDir Path dataDir;

  @Test
  void aTakenHttpsPortNamesGatewayHttpsPort() throws Exception {
    Vertx vertx = Vertx.vertx();
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      EnjoyConfig c = GatewayFixture.config(dataDir, List.of("alice"));
      EnjoyConfig config = new EnjoyConfig(c.roles(), c.dataDir(),
          new EnjoyConfig.Gateway("127.0.0.1", taken.getLocalPort(), "", "", "", Duration.ofHours(1)),
          c.database(), c.auth(), c.oidc(), c.spawner(), c.culler());

      Exception failure = assertThrows(Exception.class, () -> GatewayFixture.await(vertx.deployVerticle(new GatewayVerticle(config))));

      assertTrue(failure.getMessage().contains("gateway.https_port"), failure.getMessage());
      assertTrue(failure.getMessage().contains(Integer.toString(taken.getLocalPort())), failure.getMessage());
    } finally {
      GatewayFixture.await(vertx.close());
    }
  }
}
