package io.enjoy.spawner;

import static io.enjoy.spawner.DockerFixture.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.enjoy.conf.ConfigLoader;
import io.enjoy.conf.EnjoyConfig;
import io.enjoy.conf.bus.Addresses;
import io.enjoy.conf.bus.ServerKey;
import io.enjoy.conf.bus.SpawnRequest;
import io.enjoy.conf.bus.SpawnResult;
import io.enjoy.conf.bus.StopRequest;
import io.enjoy.conf.launch.Role;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The role as the launcher deploys it: found by ServiceLoader, configured from enjoy.yaml keys. */
class SpawnerRoleTest {
  private final Vertx vertx = Vertx.vertx();

  @AfterEach
  void tearDown() throws Exception {
    await(vertx.close());
  }

  @Test
  void roleFromTheConfigRunsTheLocalBackendWithLogsUnderTheDataDir() throws Exception {
    Path dataDir = TestWorkers.MODULE.resolve("target/role-data" + TestWorkers.runSuffix());
    EnjoyConfig config = ConfigLoader.defaultsWith(Map.of(
        "data_dir", dataDir.toString(),
        "spawner.backend", "local",
        "spawner.worker_dist", TestWorkers.workerDist().toString()));
    Role role = ServiceLoader.load(Role.class).stream().map(ServiceLoader.Provider::get)
        .filter(r -> r.name().equals("spawner")).findFirst().orElseThrow();
    await(vertx.deployVerticle(role.create(config)));
    String name = "rita" + TestWorkers.runSuffix();
    ServerKey key = ServerKey.defaultServer(name);
    SpawnRequest req = TestWorkers.request(key, name, "unused", config.spawner().homeRoot().resolve(name), 0, TestWorkers.env(key, "s-rita"));

    SpawnResult result = SpawnResult.fromJson(await(vertx.eventBus().<JsonObject>request(Addresses.SPAWNER_START, req.toJson(),
        new DeliveryOptions().setSendTimeout(Addresses.startTimeout(config.spawner().startTimeout()).toMillis()))).body());

    assertEquals("local", result.backend());
    assertEquals(NodeIds.nodeId(dataDir), result.node());
    assertTrue(Files.isRegularFile(dataDir.resolve("logs/workers/enjoy-" + name + ".log")));
    long pid = Long.parseLong(result.containerId().substring(4));
    await(vertx.eventBus().request(Addresses.SPAWNER_STOP, new StopRequest(key, result.containerId()).toJson(),
        new DeliveryOptions().setSendTimeout(Addresses.SHORT_TIMEOUT.toMillis())));
    assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false));
  }
}
