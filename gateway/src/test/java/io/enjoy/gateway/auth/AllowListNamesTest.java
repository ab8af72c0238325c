package io.enjoy.gateway.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.enjoy.conf.EnjoyConfig;
import io.enjoy.gateway.GatewayVerticle;
import io.enjoy.gateway.testing.TestConfigs;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** H-23: names the configuration admits but that could never log in stop the start, naming the key. */
class AllowListNamesTest {

  @Test
  void usableNamesPass() {
    assertEquals(Optional.empty(), AllowListNames.problem(
        new EnjoyConfig.Auth(List.of("alice", "Émile.O'Brien@uni.example", "a~b"), List.of("prof@uni.example"), false)));
  }

  @Test
  void H23_eachUnusableNameIsReportedWithItsKey() {
    assertTrue(AllowListNames.problem(new EnjoyConfig.Auth(List.of("alice", "a/b"), List.of(), false)).orElseThrow()
        .startsWith("auth.allowed_users lists 'a/b', who could never log in: the user name contains '/'"));
    assertTrue(AllowListNames.problem(new EnjoyConfig.Auth(List.of(), List.of(".."), false)).orElseThrow().startsWith("auth.admin_users lists '..'"));
    assertTrue(AllowListNames.problem(new EnjoyConfig.Auth(List.of(" bob"), List.of(), false)).orElseThrow().contains("white space"));
  }

  @Test
  void H23_gatewayRefusesToStartWithSuchAName(@TempDir Path dataDir) {
    Vertx vertx = Vertx.vertx();
    try {
      EnjoyConfig config = TestConfigs.embedded(dataDir, List.of("a/b"), List.of());
      Throwable failure = vertx.deployVerticle(new GatewayVerticle(config)).toCompletionStage().toCompletableFuture()
          .handle((ok, err) -> err).join();
      assertTrue(failure != null && failure.getMessage().contains("auth.allowed_users lists 'a/b'"), String.valueOf(failure));
    } finally {
      vertx.close();
    }
  }
}
