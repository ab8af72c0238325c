package io.enjoy.spawner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.enjoy.conf.bus.ServerKey;
import org.junit.jupiter.api.Test;

class ServerNamesTest {
  @Test
  void containerNameIsThePrefixPlusTheHubsSafeName() {
    // Safe names as the gateway's SafeNames produces them: Alice → -41-lice, a.b@x → a-2e-b-40-x.
    assertEquals("enjoy--41-lice", ServerNames.containerName("-41-lice", ServerKey.defaultServer("Alice")));
    assertEquals("enjoy-alice--slab", ServerNames.containerName("alice--slab", new ServerKey("alice", "lab")));
  }

  @Test
  void H14_namedServerWhoseSafeNameLacksTheServerPartIsRejected() {
    // "alice" is alice's default container; a named server must never be given the same name.
    SpawnFailure e = assertThrows(SpawnFailure.class, () -> ServerNames.containerName("alice", new ServerKey("alice", "lab")));
    assertEquals(SpawnFailure.BAD_REQUEST, e.code());
    assertTrue(e.getMessage().contains("does not encode the server name"), e.getMessage());
  }

  @Test
  void H15_H16_upperCaseForeignCharactersAndOverlongNamesAreRejectedNotFolded() {
    for (String bad : new String[] {"Alice", "x@y", "a_b", "a.b", "", "é", "a".repeat(121)}) {
      SpawnFailure e = assertThrows(SpawnFailure.class, () -> ServerNames.containerName(bad, ServerKey.defaultServer("u")), bad);
      assertEquals(SpawnFailure.BAD_REQUEST, e.code());
    }
  }
}
