package io.enjoy.culler;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.enjoy.conf.ConfigLoader;
import io.enjoy.conf.EnjoyConfig;
import io.enjoy.conf.bus.RunningServers.Entry;
import io.enjoy.conf.bus.ServerKey;
import io.enjoy.conf.launch.Node;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The culler role as the launcher runs it: found through ServiceLoader, configured from ENJOY_ variables. */
class CullerRoleTest {

  @Test
  void launcherRunsTheCullerRoleFromConfiguration() throws Exception {
    EnjoyConfig config = ConfigLoader.load(null, Map.of(
        "ENJOY_ROLES", "culler", "ENJOY_CULLER__EVERY", "100ms", "ENJOY_CULLER__TIMEOUT", "5s"));
    Node node = Node.start(config).toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
    try {
      assertEquals(List.of("culler"), node.roles());
      HubOnTheBus hub = new HubOnTheBus(node.vertx());
      Instant now = Instant.now();
      hub.add(new Entry(ServerKey.defaultServer("stale"), now.minusSeconds(60), now.minusSeconds(30), null));
      hub.add(new Entry(ServerKey.defaultServer("fresh"), now.minusSeconds(60), now.plus(Duration.ofMinutes(1)), null));
      hub.register().toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);

      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (hub.stopRequests.isEmpty() && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
      Thread.sleep(300); // a few more passes
      assertEquals(List.of("stale"), hub.stopRequests.stream().map(r -> r.key().user()).toList());
    } finally {
      node.close().toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
    }
  }
}
