package io.enjoy.gateway.auth;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Set;

/**
 * A random secret kept in a file readable by the owner only, created on first use, so tokens
 * signed with it stay valid across restarts. Refuses a file others can read (T39). Blocking.
 */
public final class SecretFile {
  private SecretFile() {}

  public static String readOrCreate(Path file) {
    try {
      if (Files.exists(file)) {
        Set<PosixFilePermission> perms = Files.getPosixFilePermissions(file);
        if (perms.stream().anyMatch(p -> p.name().startsWith("GROUP") || p.name().startsWith("OTHERS"))) {
          throw new IllegalStateException(file + " is readable by other users (mode "
              + PosixFilePermissions.toString(perms) + "); run: chmod 600 " + file);
        }
        return Files.readString(file, StandardCharsets.US_ASCII).trim();
      }
      Files.createDirectories(file.getParent());
      byte[] raw = new byte[32];
      new SecureRandom().nextBytes(raw);
      String secret = Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
      Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      Files.writeString(file, secret + "\n", StandardCharsets.US_ASCII);
      return secret;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read or create the secret " + file + ": " + e.getMessage(), e);
    }
  }
}
