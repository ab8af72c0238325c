package io.enjoy.gateway;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.enjoy.gateway.http.SelfSignedCertificate;
import io.enjoy.gateway.http.SelfSignedCertificate.TlsFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SelfSignedCertificateTest {
  @TempDir
  Path dir;

  @Test
  void certificateIsCreatedOnceAndReusedOnLaterStarts() throws Exception {
    TlsFiles first = SelfSignedCertificate.ensure(dir, List.of("hub.example.test"));
    assertTrue(first.created());
    byte[] cert = Files.readAllBytes(first.certPath());
    byte[] key = Files.readAllBytes(first.keyPath());

    TlsFiles second = SelfSignedCertificate.ensure(dir, List.of("hub.example.test"));
    assertFalse(second.created());
    assertArrayEquals(cert, Files.readAllBytes(second.certPath()));
    assertArrayEquals(key, Files.readAllBytes(second.keyPath()));
  }

  @Test
  void keyIsOwnerOnlyAndCertificateNamesLocalhostAndTheConfiguredHost() throws Exception {
    TlsFiles files = SelfSignedCertificate.ensure(dir, List.of("hub.example.test", "0.0.0.0"));
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(files.keyPath())));
    X509Certificate x509;
    try (var in = Files.newInputStream(files.certPath())) {
      x509 = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
    }
    List<String> names = x509.getSubjectAlternativeNames().stream().map(n -> String.valueOf(n.get(1))).toList();
    assertTrue(names.containsAll(List.of("localhost", "127.0.0.1", "hub.example.test")), names.toString());
    assertFalse(names.contains("0.0.0.0"), names.toString());
  }

  @Test
  void aCertificateWithoutANameNowAskedForIsReplacedByOneWithIt() throws Exception {
    TlsFiles pathMode = SelfSignedCertificate.ensure(dir, List.of("hub.example.test"));
    assertTrue(pathMode.created());
    TlsFiles subdomainMode = SelfSignedCertificate.ensure(dir, List.of("hub.example.test", "users.example.test", "*.users.example.test"));
    assertTrue(subdomainMode.created(), "regenerated for the wildcard");
    X509Certificate x509;
    try (var in = Files.newInputStream(subdomainMode.certPath())) {
      x509 = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
    }
    List<String> names = x509.getSubjectAlternativeNames().stream().map(n -> String.valueOf(n.get(1))).toList();
    assertTrue(names.containsAll(List.of("hub.example.test", "*.users.example.test")), names.toString());
    assertFalse(SelfSignedCertificate.ensure(dir, List.of("hub.example.test", "*.users.example.test")).created(), "then reused");
  }
}
