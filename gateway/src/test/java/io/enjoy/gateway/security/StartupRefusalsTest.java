package io.enjoy.gateway.security;

import static io.enjoy.gateway.GatewayFixture.expectStatus;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.enjoy.conf.ConfigException;
import io.enjoy.conf.ConfigLoader;
import io.enjoy.gateway.GatewayFixture;
import io.vertx.ext.web.client.WebClientSession;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Configurations the hub must refuse or close down instead of running open (T39, H-23 / T21). */
class StartupRefusalsTest {
  @TempDir
  Path dataDir;

  /** T39: a hub secret others can read stops the start, naming the file and the fix. */
  @Test
  void T39_aSecretFileReadableByOthersStopsTheHub() throws Exception {
    Path secret = dataDir.resolve("secrets/session-key");
    Files.createDirectories(secret.getParent());
    Files.writeString(secret, "a-session-key-someone-else-could-read\n");
    Files.setPosixFilePermissions(secret, PosixFilePermissions.fromString("rw-r--r--"));
    RuntimeException refused = assertThrows(RuntimeException.class, () -> GatewayFixture.start(dataDir, List.of("alice")).close());
    String message = String.valueOf(refused.getMessage()) + " " + refused.getCause();
    assertTrue(message.contains(secret.toString()) && message.contains("chmod 600"), message);
  }

  /** H-23: a misspelt allow-list key fails the start; an empty allow configuration admits nobody. */
  @Test
  void H23_aMisspeltOrEmptyAllowListNeverAdmitsEverybody() throws Exception {
    Path config = dataDir.resolve("enjoy.yaml");
    Files.writeString(config, "auth:\n  allowed_user: [alice]\n");
    ConfigException typo = assertThrows(ConfigException.class, () -> ConfigLoader.load(config, Map.of()));
    assertTrue(typo.getMessage().contains("allowed_user") && typo.getMessage().contains("auth.allowed_users"), typo.getMessage());

    try (GatewayFixture closed = GatewayFixture.start(dataDir.resolve("hub"), List.of())) {
      for (String name : List.of("alice", "admin", "root")) {
        WebClientSession browser = closed.browser();
        expectStatus(closed.login(browser, name, null), 403);
        expectStatus(closed.get(browser, "/hub/home"), 302);
      }
    }
  }
}
