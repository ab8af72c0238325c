package io.enjoy.spawner;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

/** Creates users' home directories on the host. Blocking: call from a worker thread. */
public final class HomeDirs {
  private HomeDirs() {}

  /** Creates {@code homeDir} (and parents) if missing; returns it as an absolute path. */
  public static Path ensure(String homeDir) {
    if (homeDir == null || homeDir.isBlank()) {
      throw SpawnFailure.badRequest("homeDir is missing in the spawn request");
    }
    Path dir = Path.of(homeDir);
    if (!dir.isAbsolute()) {
      throw SpawnFailure.badRequest("homeDir '" + homeDir + "' must be an absolute host path");
    }
    try {
      Files.createDirectories(dir);
      return dir;
    } catch (IOException e) {
      throw new SpawnFailure(SpawnFailure.FAILED, "cannot create home directory " + dir + ": " + e, e);
    }
  }

  /**
   * Creates {@code homeDir} and makes it belong to {@code uid:uid}, so that a server running as
   * that uid can write its files. Changing the owner needs root; when the spawner is not root
   * the directory must already belong to the uid.
   */
  public static Path ensureOwnedBy(String homeDir, int uid) {
    Path dir = ensure(homeDir);
    try {
      int owner = (Integer) Files.getAttribute(dir, "unix:uid", LinkOption.NOFOLLOW_LINKS);
      int group = (Integer) Files.getAttribute(dir, "unix:gid", LinkOption.NOFOLLOW_LINKS);
      if (owner != uid || group != uid) {
        Files.setAttribute(dir, "unix:uid", uid, LinkOption.NOFOLLOW_LINKS);
        Files.setAttribute(dir, "unix:gid", uid, LinkOption.NOFOLLOW_LINKS);
      }
      return dir;
    } catch (IOException | SecurityException e) {
      throw new SpawnFailure(SpawnFailure.FAILED, "cannot give home directory " + dir + " to uid " + uid
          + " (" + e + "); run the spawner as root or create the directory owned by that uid", e);
    }
  }
}
