package io.enjoy.gateway.http;

import io.enjoy.conf.EnjoyConfig;
import io.enjoy.gateway.http.SelfSignedCertificate.TlsFiles;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Picks the hub's certificate: the configured PEM pair ({@code gateway.tls_cert} /
 * {@code gateway.tls_key}), or a self-signed one kept under {@code <data_dir>/tls}.
 */
public final class HubTls {
  private static final Logger LOG = LoggerFactory.getLogger(HubTls.class);

  private HubTls() {}

  public static Future<TlsFiles> resolve(Vertx vertx, EnjoyConfig config) {
    EnjoyConfig.Gateway gateway = config.gateway();
    boolean hasCert = !blank(gateway.tlsCert());
    boolean hasKey = !blank(gateway.tlsKey());
    if (hasCert != hasKey) {
      return Future.failedFuture(new IllegalArgumentException(
          "gateway.tls_cert and gateway.tls_key must be set together (or both left empty for a self-signed certificate)"));
    }
    return vertx.executeBlocking(() -> {
      if (hasCert) {
        Path cert = Path.of(gateway.tlsCert());
        Path key = Path.of(gateway.tlsKey());
        requireReadable("gateway.tls_cert", cert);
        requireReadable("gateway.tls_key", key);
        return new TlsFiles(cert, key, false);
      }
      TlsFiles files = SelfSignedCertificate.ensure(config.dataDir().resolve("tls"), hostNames(gateway));
      LOG.info("{} self-signed TLS certificate {} (browsers will ask you to accept it; set gateway.tls_cert for production)",
          files.created() ? "created the" : "using the", files.certPath());
      return files;
    });
  }

  static List<String> hostNames(EnjoyConfig.Gateway gateway) {
    List<String> names = new ArrayList<>();
    names.add(gateway.bindHost());
    if (!blank(gateway.publicUrl())) {
      String host = URI.create(gateway.publicUrl()).getHost();
      if (host != null) {
        names.add(host.startsWith("[") ? host.substring(1, host.length() - 1) : host);
      }
    }
    if (gateway.subdomains()) {
      // subdomain mode: every user host <label>.<user_domain> (a configured certificate must be such a wildcard too)
      names.add(gateway.userDomain());
      names.add("*." + gateway.userDomain());
    }
    return names;
  }

  private static void requireReadable(String key, Path file) {
    if (!Files.isReadable(file)) {
      throw new IllegalArgumentException(key + ": cannot read " + file.toAbsolutePath());
    }
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }
}
