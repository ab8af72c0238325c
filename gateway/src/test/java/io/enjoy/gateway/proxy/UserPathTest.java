package io.enjoy.gateway.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.enjoy.conf.bus.ServerKey;
import io.enjoy.gateway.servers.ServicePrefix;
import java.util.List;
import org.junit.jupiter.api.Test;

class UserPathTest {
  @Test
  void everyServicePrefixParsesBackToItsUserName() {
    for (String name : List.of("alice", "Student.Name@uni", "a b", "a+b", "a/b", "ünïcode", "x%41y", "~tilde")) {
      String prefix = ServicePrefix.of(ServerKey.defaultServer(name));
      UserPath parsed = UserPath.parse(prefix + "api/contents").orElseThrow(() -> new AssertionError(prefix));
      assertEquals(name, parsed.name(), prefix);
      assertTrue(parsed.hasSlash());
    }
  }

  @Test
  void plusInAPathStaysAPlus() {
    assertEquals("a+b", UserPath.parse("/user/a+b/").orElseThrow().name());
  }

  @Test
  void pathsOutsideOrMalformedAreRejected() {
    assertTrue(UserPath.parse("/hub/home").isEmpty());
    assertTrue(UserPath.parse("/user/").isEmpty());
    assertTrue(UserPath.parse("/user//alice/").isEmpty());
    assertTrue(UserPath.parse("/user/%zz/").isEmpty());
    assertFalse(UserPath.parse("/user/alice").orElseThrow().hasSlash());
  }
}
