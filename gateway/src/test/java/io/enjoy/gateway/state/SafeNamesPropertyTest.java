package io.enjoy.gateway.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.enjoy.conf.bus.ServerKey;
import io.enjoy.gateway.proxy.UserPath;
import io.enjoy.gateway.servers.ServicePrefix;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Property-style checks over many random and adversarial user names (T19): every name the hub
 * accepts maps injectively and stably to its URL path segment, container name, home directory
 * and database form; container names are valid Docker names of bounded length; home directories
 * stay inside the home root; the URL segment decodes back to the name.
 */
class SafeNamesPropertyTest {
  /** Docker's container-name rule. */
  private static final Pattern DOCKER_NAME = Pattern.compile("[a-zA-Z0-9][a-zA-Z0-9_.-]+");
  private static final Path HOME_ROOT = Path.of("/srv/enjoy/homes");
  private static final int[] ALPHABET = {'a', 'A', 'z', 'Z', '0', '9', '-', '_', '.', '@', '~', '%', '+', ' ', '\'', 'x', 'h', 's', 'u',
      'ä', 'Ä', 'ß', 'İ', 'ı', 'ﬁ', 'Ω', 'ω', '中', 'ａ', 0x1F600, 0x10FFFF, 0x200B, 0x0301, '\\', '?', '#', ':', ';', '=', '&'};

  private static String randomName(Random random) {
    int length = 1 + (random.nextInt(8) == 0 ? random.nextInt(UserNames.MAX_CODE_POINTS) : random.nextInt(12));
    StringBuilder name = new StringBuilder();
    for (int i = 0; i < length; i++) {
      name.appendCodePoint(random.nextInt(4) == 0 ? 0x20 + random.nextInt(0x2FFF) : ALPHABET[random.nextInt(ALPHABET.length)]);
    }
    return name.toString();
  }

  private static List<String> names() {
    List<String> names = new ArrayList<>(List.of("alice", "Alice", "ALICE", "a-b", "a_b", "a.b", "a~b", "a@b", "ab", "a--hb", "a--sb",
        "a--ub", "alice@uni.example", "alice.uni@example", "ａlice", "e\u0301mile", "émile", "x".repeat(UserNames.MAX_CODE_POINTS),
        "x".repeat(UserNames.MAX_CODE_POINTS - 1) + "y", "...", "a..", "%2F", "a%2Fb", "~", "@", "-", "--", "0", "中文名", "😀"));
    Random random = new Random(20261203L);
    for (int i = 0; i < 20_000; i++) {
      names.add(randomName(random));
    }
    return names.stream().filter(n -> UserNames.problem(n).isEmpty()).distinct().toList();
  }

  @Test
  void T19_acceptedNamesMapInjectivelyAndStablyToPathsContainersAndHomes() {
    List<String> names = names();
    assertTrue(names.size() > 15_000, "enough accepted names: " + names.size());
    Map<String, String> bySegment = new HashMap<>();
    Map<String, String> byContainer = new HashMap<>();
    Map<String, String> byHome = new HashMap<>();
    for (String name : names) {
      String segment = ServicePrefix.segment(name);
      String container = "enjoy-" + SafeNames.forServer(ServerKey.defaultServer(name));
      String safe = SafeNames.forUser(name);
      Path home = HOME_ROOT.resolve(safe).normalize();

      assertNull(bySegment.put(segment, name), "URL segment shared: " + segment);
      assertNull(byContainer.put(container, name), "container name shared: " + container);
      assertNull(byHome.put(home.toString(), name), "home directory shared: " + home);

      assertEquals(segment, ServicePrefix.segment(name), "stable");
      assertEquals(safe, SafeNames.forUser(new String(name.toCharArray())), "stable");
      assertEquals(name, UserPath.parse("/user/" + segment + "/tree").orElseThrow().name(), "the URL names the user again");
      assertTrue(DOCKER_NAME.matcher(container).matches() && container.length() <= "enjoy-".length() + SafeNames.MAX_LENGTH,
          "valid, bounded Docker name: " + container);
      assertTrue(safe.matches("[a-z0-9-]+") && safe.length() <= SafeNames.MAX_LENGTH, safe);
      assertTrue(home.getParent().equals(HOME_ROOT), "home inside the home root: " + home);
      assertTrue(!segment.equals(".") && !segment.equals("..") && !segment.contains("/"), segment);
    }
  }

  @Test
  void T19_namesABrowserOrPathWouldResolveAreRefusedWithAReason() {
    for (String name : List.of(".", "..", "a/b", "", " alice", "alice\n", "x".repeat(UserNames.MAX_CODE_POINTS + 1), "\uD800")) {
      assertTrue(UserNames.problem(name).isPresent(), "refused: " + name);
    }
  }
}
