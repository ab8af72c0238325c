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
  void secondStartServesTheSameCertificateAndKeepsTheBrowserLoggedIn() throws Exception {
    byte[] certificate;
    String sessionCookie;
    io.netty.handler.codec.http.cookie.Cookie sessionCookieStored;
    try (GatewayFixture first = GatewayFixture.start(dataDir, List.of("alice"))) {
      assertTrue(first.gateway.tls().created(), "first start generates the certificate");
      assertTrue(first.gateway.tls().certPath().startsWith(dataDir.resolve("tls")));
      certificate = Files.readAllBytes(first.gateway.tls().certPath());
      var browser = first.loggedIn("alice");
      var stored = browser.cookieStore().get(true, "localhost", "/hub/home").iterator().next();
      sessionCookie = stored.name() + "=" + stored.value();
      sessionCookieStored = stored;
    }
    try (GatewayFixture second = GatewayFixture.start(dataDir, List.of("alice"))) {
      assertFalse(second.gateway.tls().created(), "second start reuses it");
      assertArrayEquals(certificate, Files.readAllBytes(second.gateway.tls().certPath()));
      // the client trusts exactly that file, so a 200 proves the listener presents it
      expectStatus(second.get(second.browser(), "/hub/health"), 200);
      assertTrue(GatewayFixture.await(second.gateway.hub().users().find("alice")).isPresent());
      var home = GatewayFixture.await(second.browser().getAbs(second.url("/hub/home")).putHeader("Cookie", sessionCookie).send());
      expectStatus(home, 200);
      assertTrue(home.bodyAsString().contains("id=\"user-name\">alice<"), "the session survives the restart");
      var tab = second.browser();
      tab.cookieStore().put(sessionCookieStored); // the same cookie, in a browser that then logs out
      expectStatus(second.logOut(tab), 200);
    }
    try (GatewayFixture third = GatewayFixture.start(dataDir, List.of("alice"))) {
      var home = GatewayFixture.await(third.browser().getAbs(third.url("/hub/home")).putHeader("Cookie", sessionCookie).send());
      expectStatus(home, 302);
      assertTrue(home.getHeader("Location").startsWith("/hub/login"), "a logout stays in force after a restart");
    }
  }
}
