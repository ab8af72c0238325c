package io.enjoy.spawner.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.httpclient5.ApacheDockerHttpClient;
import java.io.IOException;
import java.time.Duration;

/** Connects docker-java to one engine endpoint (e.g. {@code unix:///var/run/docker.sock}). */
public final class DockerEngine {
  private DockerEngine() {}

  /** A client whose calls give up after {@code responseTimeout}; connecting alone after {@code connectTimeout}. */
  public static DockerClient connect(String dockerHost, Duration connectTimeout, Duration responseTimeout) {
    DefaultDockerClientConfig config = DefaultDockerClientConfig.createDefaultConfigBuilder()
        .withDockerHost(dockerHost)
        .build();
    ApacheDockerHttpClient http = new ApacheDockerHttpClient.Builder()
        .dockerHost(config.getDockerHost())
        .sslConfig(config.getSSLConfig())
        .maxConnections(64)
        .connectionTimeout(connectTimeout)
        .responseTimeout(responseTimeout)
        .build();
    return DockerClientImpl.getInstance(config, http);
  }

  /** A client for the spawner's own calls: stop grace periods and pulls fit in its timeouts. */
  public static DockerClient connect(String dockerHost) {
    return connect(dockerHost, Duration.ofSeconds(5), Duration.ofMinutes(5));
  }

  /**
   * Pings the engine with a short deadline. Blocking. Returns null when the engine answered,
   * otherwise the reason it did not (for the log line that explains the backend choice).
   */
  public static String unreachableReason(String dockerHost, Duration timeout) {
    try (DockerClient client = connect(dockerHost, timeout, timeout)) {
      client.pingCmd().exec();
      return null;
    } catch (RuntimeException | IOException e) {
      Throwable root = e;
      while (root.getCause() != null && root.getCause() != root) {
        root = root.getCause();
      }
      return root.getClass().getSimpleName() + ": " + root.getMessage();
    }
  }
}
