package io.enjoy.conf.launch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.enjoy.conf.ConfigException;
import io.enjoy.conf.ConfigLoader;
import io.enjoy.conf.EnjoyConfig;
import io.vertx.core.Deployable;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class NodeTest {

  /** Every start and stop of the recording roles, in order. */
  private final List<String> events = new CopyOnWriteArrayList<>();

  private Role recording(String name, boolean failStart) {
    return new Role() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public Deployable create(EnjoyConfig config) {
        events.add("create " + name);
        return new VerticleBase() {
          @Override
          public Future<?> start() {
            events.add("start " + name);
            return failStart ? Future.failedFuture(new IllegalStateException("port taken")) : Future.succeededFuture();
          }

          @Override
          public Future<?> stop() {
            events.add("stop " + name);
            return Future.succeededFuture();
          }
        };
      }
    };
  }

  private static EnjoyConfig withRoles(String roles) {
    return ConfigLoader.load(null, Map.of("ENJOY_ROLES", roles));
  }

  private static <T> T await(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
  }

  private static Throwable failureOf(Future<?> future) throws Exception {
    try {
      await(future);
    } catch (ExecutionException e) {
      return e.getCause();
    }
    throw new AssertionError("expected the node not to start");
  }

  @Test
  void rolesAreDeployedInTheConfiguredOrder() throws Exception {
    Node node = await(Node.start(withRoles("b,a"), List.of(recording("a", false), recording("b", false))));
    try {
      assertEquals(List.of("b", "a"), node.roles());
      assertEquals(List.of("create b", "create a", "start b", "start a"), events);
    } finally {
      await(node.close());
    }
    assertTrue(events.containsAll(List.of("stop a", "stop b")), "closing the node stops every role: " + events);
  }

  @Test
  void unknownRoleIsAConfigErrorListingTheAvailableRolesAndStartsNothing() throws Exception {
    Throwable failure = failureOf(Node.start(withRoles("a,gatway"), List.of(recording("a", false), recording("gateway", false))));
    ConfigException e = assertInstanceOf(ConfigException.class, failure);
    assertEquals(List.of("roles: unknown role \"gatway\"; available on this node's classpath: a, gateway"), e.problems());
    assertEquals(List.of(), events, "nothing is created or started");
  }

  @Test
  void failingRoleFailsTheStartWithItsCauseAndStopsTheOthers() throws Exception {
    Throwable failure = failureOf(Node.start(withRoles("a,b"), List.of(recording("a", false), recording("b", true))));
    RoleStartException e = assertInstanceOf(RoleStartException.class, failure);
    assertEquals("b", e.role());
    assertEquals("role b failed to start: port taken", e.getMessage());
    assertTrue(events.contains("stop a"), "the role started before is stopped again: " + events);
  }

  @Test
  void rolesRegisteredThroughServiceLoaderAreFound() throws Exception {
    Node node = await(Node.start(withRoles("probe")));
    try {
      assertEquals(List.of("probe"), node.roles());
      assertEquals(1, node.vertx().deploymentIDs().size());
    } finally {
      await(node.close());
    }
  }
}
