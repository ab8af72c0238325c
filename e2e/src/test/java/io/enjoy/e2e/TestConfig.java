package io.enjoy.e2e;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Writes a hub config file for one test: everything in the test's temp dir, fixed free ports. */
final class TestConfig {
  private TestConfig() {}

  static Path write(Path work, int httpsPort, int idpPort, String backend, List<String> allowedUsers) throws Exception {
    String yaml = String.join("\n",
        "# written by the end-to-end test",
        "roles: [gateway, spawner, culler]",
        "data_dir: " + work.resolve("data"),
        "gateway:",
        "  https_port: " + httpsPort,
        "  http_redirect_port: 0",
        "auth:",
        "  allowed_users: [" + String.join(", ", allowedUsers) + "]",
        "  admin_users: [instructor]",
        "oidc:",
        "  dev_provider:",
        "    enabled: true",
        "    port: " + idpPort,
        "spawner:",
        "  backend: " + backend,
        "  worker_dist: " + HubProcess.ENJOY_HOME.resolve("worker/target/dist"),
        "  start_timeout: 90s",
        "culler:",
        "  every: 1s",
        "");
    Path file = work.resolve("enjoy.yaml");
    Files.writeString(file, yaml);
    return file;
  }
}
