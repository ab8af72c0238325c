package io.enjoy.gateway.servers;

import io.enjoy.conf.bus.ServerKey;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Per-server secrets that are never stored: secret = HMAC-SHA256(hub key, user NUL server NUL
 * nonce). The database keeps the nonce (to derive the secret again after a hub restart) and a
 * SHA-256 of the secret (to notice a changed hub key). The hub key lives in
 * {@code <data_dir>/hub.key} (created on first start, mode 0600); every gateway of one hub must
 * share it.
 */
public final class ServerSecrets {
  static final String KEY_FILE = "hub.key";
  private static final SecureRandom RANDOM = new SecureRandom();

  private final byte[] key;

  ServerSecrets(byte[] key) {
    this.key = key.clone();
  }

  /** Reads or creates {@code <dataDir>/hub.key} on a worker thread. */
  public static Future<ServerSecrets> load(Vertx vertx, Path dataDir) {
    return vertx.executeBlocking(() -> new ServerSecrets(readOrCreateKey(dataDir.resolve(KEY_FILE))), false);
  }

  static byte[] readOrCreateKey(Path file) throws IOException {
    if (!Files.exists(file)) {
      Files.createDirectories(file.toAbsolutePath().getParent());
      byte[] fresh = new byte[32];
      RANDOM.nextBytes(fresh);
      try {
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(file, Base64.getEncoder().encodeToString(fresh), StandardCharsets.US_ASCII);
      } catch (FileAlreadyExistsException raced) {
        // another gateway created it first; read theirs
      }
    }
    String text = Files.readString(file, StandardCharsets.US_ASCII).trim();
    byte[] key;
    try {
      key = Base64.getDecoder().decode(text);
    } catch (IllegalArgumentException e) {
      throw new IOException(file + " is not a base64 hub key");
    }
    if (key.length < 32) {
      throw new IOException(file + " holds a hub key shorter than 32 bytes");
    }
    return key;
  }

  public String newNonce() {
    byte[] bytes = new byte[16];
    RANDOM.nextBytes(bytes);
    return HexFormat.of().formatHex(bytes);
  }

  public String derive(ServerKey server, String nonce) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      byte[] out = mac.doFinal((server.user() + '\0' + server.server() + '\0' + nonce).getBytes(StandardCharsets.UTF_8));
      return Base64.getUrlEncoder().withoutPadding().encodeToString(out);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  public static String hash(String secret) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
