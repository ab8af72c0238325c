package io.enjoy.gateway.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.enjoy.conf.bus.ServerKey;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class SafeNamesTest {
  private static final Pattern SAFE = Pattern.compile("[a-z0-9-]+");

  @Test
  void H14_namesThatCollideUnderNaiveSchemesGetDistinctSafeNames() {
    List<List<String>> pairs = List.of(
        List.of("a-b", "a_2Db"), List.of("a-b", "a-2db"), List.of("a.b", "a_2Eb"), List.of("a.b", "a-2eb"),
        List.of("Alice", "alice"), List.of("x@y", "x_40y"), List.of("x@y", "x-40-y"), List.of("a--b", "a-2dx2d-b"));
    for (List<String> pair : pairs) {
      assertNotEquals(SafeNames.forUser(pair.get(0)), SafeNames.forUser(pair.get(1)), pair.toString());
    }
  }

  @Test
  void H14_aUserNameNeverMapsToTheSameNameAsAnotherUsersNamedServer() {
    String userNamedLikeAServer = SafeNames.forServer(ServerKey.defaultServer("a--b"));
    String namedServer = SafeNames.forServer(new ServerKey("a", "b"));
    assertNotEquals(userNamedLikeAServer, namedServer);
    assertNotEquals(SafeNames.forServer(ServerKey.defaultServer("a--sb")), namedServer);
    assertNotEquals(SafeNames.forServer(ServerKey.defaultServer("a")), namedServer);
  }

  @Test
  void H15_mixedCaseNamesBecomeLowerCaseDnsLabelsDistinctFromTheirLowerCaseTwin() {
    String john = SafeNames.forUser("JohnDoe");
    assertTrue(SAFE.matcher(john).matches(), john);
    assertTrue(("enjoy-" + john).length() <= 63, "fits a DNS label with the container prefix");
    assertNotEquals(SafeNames.forUser("johndoe"), john);
    assertEquals("-41-lice", SafeNames.forUser("Alice"), "the documented rule for upper case");
  }

  @Test
  void H16_longAndAccentedEmailNamesGetShortValidStableNames() {
    String longMail = "a.very.long.firstname.lastname@faculty.university.example";
    String accented = "Émile.O'Brien@uni.example";
    for (String name : List.of(longMail, accented)) {
      String safe = SafeNames.forUser(name);
      assertTrue(SAFE.matcher(safe).matches(), safe);
      assertTrue(safe.length() <= SafeNames.MAX_LENGTH, safe + " is at most " + SafeNames.MAX_LENGTH + " long");
      assertEquals(safe, SafeNames.forUser(name), "stable");
      assertTrue(UserNames.problem(name).isEmpty(), name + " is a usable user name");
    }
    assertNotEquals(SafeNames.forUser(longMail), SafeNames.forUser(longMail.replace("faculty", "facultx")),
        "names sharing a long prefix differ by their hash suffix");
  }

  @Test
  void H16_unusableNamesGetAClearReasonInsteadOfAFailureLater() {
    assertEquals("the user name is empty", UserNames.problem("").orElseThrow());
    assertEquals("the user name contains '/'", UserNames.problem("a/b").orElseThrow());
    assertEquals("the user name contains a control character", UserNames.problem("a\nb").orElseThrow());
    assertEquals("the user name starts or ends with white space", UserNames.problem(" alice").orElseThrow());
    assertTrue(UserNames.problem("x".repeat(UserNames.MAX_CODE_POINTS + 1)).orElseThrow().contains("longer than"));
  }

  @Test
  void escapingIsInjectiveOverManyNamesFromATrickyAlphabet() {
    String[] alphabet = {"a", "b", "d", "e", "2", "x", "s", "h", "A", "D", "-", "_", ".", "@", "~", "é", "É", "ß", "\uD83D\uDE00", "--"};
    Random random = new Random(20261203);
    Map<String, String> owners = new HashMap<>();
    for (int i = 0; i < 200_000; i++) {
      StringBuilder name = new StringBuilder();
      int length = 1 + random.nextInt(i % 10 == 0 ? 40 : 8);
      for (int j = 0; j < length; j++) {
        name.append(alphabet[random.nextInt(alphabet.length)]);
      }
      String user = name.toString();
      String safe = SafeNames.forUser(user);
      assertTrue(SAFE.matcher(safe).matches(), safe);
      assertTrue(safe.length() <= SafeNames.MAX_LENGTH, safe);
      String previous = owners.putIfAbsent(safe, user);
      if (previous != null) {
        assertEquals(previous, user, "two names share the safe name " + safe);
      }
    }
  }

  @Test
  void shortFormsNeverContainADoubleDashSoTheyCannotMeetLongOrServerForms() {
    for (String name : List.of("a--b", "--", "-x-", "A-B", "a..b", "@@")) {
      String escaped = SafeNames.escape(name);
      assertFalse(escaped.contains("--"), name + " -> " + escaped);
    }
  }
}
