package io.enjoy.gateway.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.enjoy.conf.EnjoyConfig;
import io.enjoy.gateway.state.HubServices;
import io.enjoy.gateway.testing.Await;
import io.enjoy.gateway.testing.TestConfigs;
import io.vertx.core.Vertx;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UnreachableDatabaseTest {
  @TempDir Path dataDir;
  private final Vertx vertx = Vertx.vertx();

  @AfterEach
  void close() {
    Await.result(vertx.close());
  }

  @Test
  void unreachableDatabaseFailsTheStartNamingTheUrlAndTheCauseAndChangesNothing() throws Exception {
    EnjoyConfig config = TestConfigs.config(dataDir,
        new EnjoyConfig.Database(false, "postgresql://127.0.0.1:1/enjoy", "enjoy", "secret"),
        new EnjoyConfig.Auth(List.of("alice"), List.of(), false));

    Throwable failure = Await.failure(HubServices.start(vertx, config));

    assertInstanceOf(DatabaseUnavailableException.class, failure);
    String message = failure.getMessage();
    assertTrue(message.contains("database.url=postgresql://127.0.0.1:1/enjoy"), message);
    assertTrue(message.toLowerCase().contains("refused"), "names the cause: " + message);
    assertTrue(!message.contains("secret"), "never prints the password: " + message);
    try (Stream<Path> files = Files.list(dataDir)) {
      assertEquals(List.of(), files.toList(), "nothing was created in data_dir");
    }
  }

  @Test
  void malformedDatabaseUrlIsRefusedNamingTheSetting() {
    EnjoyConfig config = TestConfigs.config(dataDir,
        new EnjoyConfig.Database(false, "mysql://127.0.0.1/enjoy", "", ""),
        new EnjoyConfig.Auth(List.of(), List.of(), false));

    Throwable failure = Await.failure(HubServices.start(vertx, config));

    assertTrue(failure.getMessage().contains("database.url 'mysql://127.0.0.1/enjoy' must start with postgresql://"), failure.getMessage());
  }
}
