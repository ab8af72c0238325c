package io.enjoy.gateway.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.enjoy.conf.bus.ServerKey;
import io.enjoy.gateway.proxy.UserPath;
import io.enjoy.gateway.servers.ServicePrefix;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
  @Test
  void T19_acceptedNamesMapInjectivelyAndStablyToPathsContainersAndHomes() {
    List<String> names = TrickyNames.accepted();
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
