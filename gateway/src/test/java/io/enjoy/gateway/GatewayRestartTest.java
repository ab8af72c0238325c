package io.enjoy.gateway;

import static io.enjoy.gateway.GatewayFixture.expectStatus;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GatewayRestartTest {
  @TempDir
  Path dataDir;

  @Test
  void secondStartServesTheSameSelfSignedCertificateAndKnowsTheUsers() throws Exception {
    byte[] certificate;
    try (GatewayFixture first = GatewayFixture.start(dataDir, List.of("alice"))) {
      assertTrue(first.gateway.tls().created(), "first start generates the certificate");
      assertTrue(first.gateway.tls().certPath().startsWith(dataDir.resolve("tls")));
      certificate = Files.readAllBytes(first.gateway.tls().certPath());
      first.loggedIn("alice");
    }
    try (GatewayFixture second = GatewayFixture.start(dataDir, List.of("alice"))) {
      assertFalse(second.gateway.tls().created(), "second start reuses it");
      assertArrayEquals(certificate, Files.readAllBytes(second.gateway.tls().certPath()));
      // the client trusts exactly that file, so a 200 proves the listener presents it
      expectStatus(second.get(second.browser(), "/hub/health"), 200);
      assertTrue(GatewayFixture.await(second.gateway.hub().users().find("alice")).isPresent());
    }
  }
}
