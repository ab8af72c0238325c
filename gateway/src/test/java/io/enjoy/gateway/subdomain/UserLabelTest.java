package io.enjoy.gateway.subdomain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.enjoy.gateway.state.SafeNames;
import io.enjoy.gateway.state.TrickyNames;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The user's host label: a valid DNS label for every accepted name, never shared by two names (T19). */
class UserLabelTest {
  @Test
  void T19_everyAcceptedNameGetsItsOwnValidDnsLabelEveryTime() {
    List<String> names = TrickyNames.accepted();
    assertTrue(names.size() > 15_000, "enough names: " + names.size());
    Map<String, String> byLabel = new HashMap<>();
    for (String name : names) {
      String label = UserLabel.of(name);
      assertTrue(UserLabel.isValidDnsLabel(label), "not a DNS label: " + label + " for " + name);
      assertTrue(label.length() <= UserLabel.MAX_LENGTH, label);
      assertFalse(label.length() >= 4 && label.startsWith("--", 2), "no IDNA-reserved form (-- at positions 3-4): " + label);
      assertNull(byLabel.put(label, name), "label " + label + " shared by " + name + " and " + byLabel.get(label));
      assertEquals(label, UserLabel.of(new String(name.toCharArray())), "stable");
    }
  }

  @Test
  void T19_namesThatDifferOnlyByCaseOrPunctuationGetDifferentHosts() {
    assertEquals("alice", UserLabel.of("alice"));
    assertEquals("u-41-lice--w", UserLabel.of("Alice"));
    List<String> family = List.of("alice", "Alice", "ALICE", "a-b", "a_b", "a.b", "alice.", ".alice", "ａlice", "u-41-lice--w");
    assertEquals(family.size(), family.stream().map(UserLabel::of).distinct().count(), "all distinct");
    // a name whose safe form is the wrapped form of another stays apart from it
    String wrappedLooking = "u-41-lice--w";
    assertTrue(UserLabel.isValidDnsLabel(UserLabel.of(wrappedLooking)));
    assertFalse(UserLabel.of(wrappedLooking).equals(UserLabel.of("Alice")));
  }

  @Test
  void longNamesStayWithinOneLabel() {
    String longName = "Very.Long.Name.Of.A.Student@faculty-of-physics.example.edu";
    String label = UserLabel.of(longName);
    assertTrue(SafeNames.forUser(longName).contains("--h"), "hashed safe name");
    assertTrue(UserLabel.isValidDnsLabel(label) && label.length() <= 63, label);
  }

  @Test
  void labelsABrowserOrDnsWouldRejectAreRecognised() {
    for (String bad : List.of("", "-a", "a-", "A", "a.b", "a_b", "x".repeat(64), "ä")) {
      assertFalse(UserLabel.isValidDnsLabel(bad), bad);
    }
  }
}
