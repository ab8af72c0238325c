package io.enjoy.worker;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Puts the course's exercise notebook into a new student's home when the worker starts. Done by
 * the worker rather than the spawner so both backends (Docker volume, local folder) get it the
 * same way, with the file owned by the user the worker runs as.
 * <p>
 * Each notebook is seeded once: it is copied only if the home has no file of that name, and its
 * name is then remembered in {@value #MARKER}, so a student who deleted or renamed it does not
 * get it back on the next start, and a student's own file of that name is never replaced.
 */
public final class StarterNotebooks {
  private StarterNotebooks() {}

  /** The notebooks shipped in the worker jar (copied there from the analysis module at build time). */
  public static final List<String> NAMES = List.of("topmass.ipynb");
  static final String RESOURCE_DIR = "/io/enjoy/worker/starter/";
  /** Hidden (the file browser leaves dot files out): one seeded name per line. */
  public static final String MARKER = ".enjoy-seeded";

  /** Seeds what is missing; returns the names copied now. */
  public static List<String> seed(Path home) throws IOException {
    Path marker = home.resolve(MARKER);
    Set<String> done = Files.exists(marker) ? new HashSet<>(Files.readAllLines(marker, StandardCharsets.UTF_8)) : new HashSet<>();
    List<String> copied = new ArrayList<>();
    for (String name : NAMES) {
      if (done.contains(name)) {
        continue;
      }
      if (copy(name, home.resolve(name))) {
        copied.add(name);
      }
      // Remembered also when the student already had such a file: it is theirs from now on.
      Files.writeString(marker, name + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }
    return copied;
  }

  /** Copies via a hidden temporary file and a move that refuses to replace: never a half-written or overwritten notebook. */
  private static boolean copy(String name, Path target) throws IOException {
    if (Files.exists(target)) {
      return false;
    }
    try (InputStream in = StarterNotebooks.class.getResourceAsStream(RESOURCE_DIR + name)) {
      if (in == null) {
        throw new IOException("the worker jar lacks its starter notebook " + RESOURCE_DIR + name);
      }
      Path tmp = Files.createTempFile(target.getParent(), "." + name, ".seeding");
      try {
        Files.copy(in, tmp, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Files.move(tmp, target);
        return true;
      } catch (FileAlreadyExistsException createdMeanwhile) {
        return false;
      } finally {
        Files.deleteIfExists(tmp);
      }
    }
  }
}
