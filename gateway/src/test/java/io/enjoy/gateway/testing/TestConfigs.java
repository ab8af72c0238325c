package io.enjoy.gateway.testing;

import io.enjoy.conf.EnjoyConfig;
import io.enjoy.gateway.db.PostgresTemplate;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** Real configurations for the hub-state tests: embedded PostgreSQL under a temporary data_dir. */
public final class TestConfigs {
  private TestConfigs() {}

  /** Embedded PostgreSQL; the cluster is copied from a once-per-JVM initdb (see {@link PostgresTemplate}). */
  public static EnjoyConfig embedded(Path dataDir, List<String> allowed, List<String> admins) {
    PostgresTemplate.seed(dataDir);
    return config(dataDir, new EnjoyConfig.Database(true, "", "", ""), new EnjoyConfig.Auth(allowed, admins, false));
  }

  public static EnjoyConfig config(Path dataDir, EnjoyConfig.Database database, EnjoyConfig.Auth auth) {
    return new EnjoyConfig(
        List.of("gateway"),
        dataDir,
        new EnjoyConfig.Gateway("127.0.0.1", 0, "", "", "", Duration.ofHours(8)),
        database,
        auth,
        new EnjoyConfig.Oidc("", "enjoy", "", "preferred_username", List.of("openid"), new EnjoyConfig.DevProvider(false, "127.0.0.1", 0)),
        new EnjoyConfig.Spawner("local", "enjoy-worker:test", dataDir.resolve("homes"), "unix:///var/run/docker.sock",
            Duration.ofSeconds(5), Duration.ofSeconds(5), 512L * 1024 * 1024, 1.5, "http://127.0.0.1:8081", dataDir.resolve("dist")),
        new EnjoyConfig.Culler(true, Duration.ofMinutes(10), Duration.ofMinutes(1), Duration.ZERO));
  }
}
