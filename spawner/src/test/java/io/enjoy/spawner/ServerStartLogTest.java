package io.enjoy.spawner;

import static io.enjoy.spawner.DockerFixture.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.Frame;
import io.enjoy.conf.bus.ServerKey;
import io.enjoy.conf.bus.SpawnRequest;
import io.enjoy.conf.bus.SpawnResult;
import io.enjoy.conf.bus.StopRequest;
import io.enjoy.spawner.docker.DockerBackend;
import io.enjoy.spawner.docker.DockerEngine;
import io.vertx.core.Vertx;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * A server start is quiet: neither the hub's log (this JVM, where the spawner probes the worker
 * until it answers) nor the worker's own output in its container shows an ERROR line. Docker's
 * port proxy resets the probe's connections while the worker inside is still starting; each
 * reset used to appear as "ERROR [ConnectionBase] Connection reset".
 */
class ServerStartLogTest {
  private Vertx vertx;
  private DockerFixture engine;
  private DockerBackend backend;
  private final List<String> errors = new CopyOnWriteArrayList<>();
  private final AppenderBase<ILoggingEvent> errorLines = new AppenderBase<>() {
    @Override
    protected void append(ILoggingEvent event) {
      if (event.getLevel().isGreaterOrEqual(Level.ERROR)) {
        errors.add(event.getLevel() + " [" + event.getLoggerName() + "] " + event.getFormattedMessage());
      }
    }
  };

  private static Logger root() {
    return (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
  }

  @BeforeEach
  void setUp() {
    vertx = Vertx.vertx();
    engine = new DockerFixture();
    backend = new DockerBackend(vertx, DockerEngine.connect(TestWorkers.DOCKER_HOST), engine.hubId, "test-node",
        Duration.ofSeconds(90), Duration.ofSeconds(60));
    errorLines.start();
    root().addAppender(errorLines);
  }

  @AfterEach
  void tearDown() throws Exception {
    root().detachAppender(errorLines);
    await(backend.close());
    engine.close();
    await(vertx.close());
  }

  /** Starts a server, reads its container's output and stops it; returns that output. */
  private String startAndStop(String image, String base, Map<String, String> extraEnv) throws Exception {
    String name = base + TestWorkers.runSuffix();
    ServerKey key = ServerKey.defaultServer(name);
    Map<String, String> env = TestWorkers.env(key, "s-" + base);
    env.putAll(extraEnv);
    SpawnRequest req = TestWorkers.request(key, name, image, TestWorkers.newHome(name), 1234, env);
    SpawnResult result = await(backend.start(req, ProgressSink.NONE));
    String workerLog = containerLog(result.containerId());
    await(backend.stop(new StopRequest(req.key(), result.containerId())));
    return workerLog;
  }

  @Test
  void workerStartLogsNoErrorLineInTheHubOrInTheWorkersOwnLog() throws Exception {
    String workerLog = startAndStop(TestWorkers.workerImage(), "quiet", Map.of());

    assertEquals(List.of(), errors, "the hub's log during the start");
    assertTrue(!workerLog.isBlank(), "the worker's log was captured");
    assertTrue(workerLog.lines().noneMatch(line -> line.contains("ERROR")), "the worker's log:\n" + workerLog);
  }

  @Test
  void slowStartingServerIsProbedThroughDockersPortProxyWithoutAnErrorInTheHubLog() throws Exception {
    // three seconds of probes (one every 200 ms) reach the published port before anything listens
    // behind it; Docker's proxy closes or resets each of them
    startAndStop(TestWorkers.fixtureImage(), "slow", Map.of("FIXTURE_LISTEN_AFTER_MS", "3000"));

    assertEquals(List.of(), errors, "the hub's log during the start");
  }

  private String containerLog(String id) throws InterruptedException {
    StringBuilder out = new StringBuilder();
    engine.docker.logContainerCmd(id).withStdOut(true).withStdErr(true)
        .exec(new ResultCallback.Adapter<Frame>() {
          @Override
          public void onNext(Frame frame) {
            out.append(new String(frame.getPayload(), StandardCharsets.UTF_8));
          }
        })
        .awaitCompletion(10, TimeUnit.SECONDS);
    return out.toString();
  }
}
