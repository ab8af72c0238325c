package io.enjoy.spawner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.enjoy.conf.bus.ServerKey;
import org.junit.jupiter.api.Test;

class ServerNamesTest {
  @Test
  void defaultAndNamedServersGetDistinctContainerNames() {
    assertEquals("enjoy-alice", ServerNames.containerName("alice", ServerKey.defaultServer("alice")));
    assertEquals("enjoy-alice--lab-2", ServerNames.containerName("alice", new ServerKey("alice", "lab-2")));
  }

  @Test
  void H14_aSafeNameThatCouldCollideWithANamedServerIsRejected() {
    // user "a" with server "b" is enjoy-a--b; a safe name "a--b" would take over that container.
    assertEquals("enjoy-a--b", ServerNames.containerName("a", new ServerKey("a", "b")));
    SpawnFailure e = assertThrows(SpawnFailure.class, () -> ServerNames.containerName("a--b", ServerKey.defaultServer("a--b")));
    assertEquals(SpawnFailure.BAD_REQUEST, e.code());
  }

  @Test
  void H15_upperCaseAndForeignCharactersAreRejectedNotFolded() {
    assertThrows(SpawnFailure.class, () -> ServerNames.containerName("Alice", ServerKey.defaultServer("Alice")));
    assertThrows(SpawnFailure.class, () -> ServerNames.containerName("x@y", ServerKey.defaultServer("x@y")));
    assertThrows(SpawnFailure.class, () -> ServerNames.containerName("bob-", ServerKey.defaultServer("bob")));
    assertThrows(SpawnFailure.class, () -> ServerNames.containerName("bob", new ServerKey("bob", "Lab")));
    assertThrows(SpawnFailure.class, () -> ServerNames.containerName("bob", new ServerKey("bob", "a--b")));
    assertThrows(SpawnFailure.class, () -> ServerNames.containerName("", ServerKey.defaultServer("")));
  }
}
