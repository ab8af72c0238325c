package io.enjoy.worker.files;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The directory whose files the worker shows and edits (the user's home). Every path from a
 * request goes through {@link #resolve}: relative, no {@code ..}, and — after following symlinks —
 * still inside the directory. All methods block: call them from a worker thread, never an event loop.
 */
public final class NotebookDir {
  private final Path root;

  public NotebookDir(Path root) throws IOException {
    if (!Files.isDirectory(root)) {
      throw new IOException("the notebook directory " + root + " does not exist or is not a directory "
          + "(set ENJOY_NOTEBOOK_DIR or HOME)");
    }
    this.root = root.toRealPath();
  }

  public Path root() {
    return root;
  }

  /** Resolves a request path ("" = the directory itself) to a file inside the notebook directory. */
  public Path resolve(String relative) throws PathRejectedException {
    String rel = relative == null ? "" : relative;
    if (rel.indexOf('\0') >= 0 || rel.contains("\\")) {
      throw new PathRejectedException("invalid character in path '" + rel + "'");
    }
    if (rel.startsWith("/")) {
      throw new PathRejectedException("absolute paths are not allowed: '" + rel + "'");
    }
    for (String segment : rel.split("/")) {
      if (segment.equals("..") || segment.equals(".")) {
        throw new PathRejectedException("'" + segment + "' is not allowed in a path: '" + rel + "'");
      }
    }
    Path target = root.resolve(rel).normalize();
    if (!target.startsWith(root)) {
      throw new PathRejectedException("path leaves the notebook directory: '" + rel + "'");
    }
    // Follow symlinks of the longest existing ancestor: a link pointing outside is refused.
    Path existing = target;
    while (existing != null && !Files.exists(existing, LinkOption.NOFOLLOW_LINKS)) {
      existing = existing.getParent();
    }
    if (existing != null) {
      try {
        Path real = existing.toRealPath();
        if (!real.startsWith(root)) {
          throw new PathRejectedException("path leads outside the notebook directory through a link: '" + rel + "'");
        }
      } catch (NoSuchFileException dangling) {
        throw new PathRejectedException("path goes through a broken link: '" + rel + "'");
      } catch (IOException e) {
        throw new PathRejectedException("cannot check path '" + rel + "': " + e.getMessage());
      }
    }
    return target;
  }

  /** The path of a file relative to the directory, with '/' separators. */
  public String relative(Path file) {
    return root.relativize(file).toString().replace('\\', '/');
  }

  /**
   * Directory entries, directories first, then by name ignoring case ("data" next to "Data.csv",
   * not after every capital letter); hidden files (".name") are left out, as in Jupyter.
   */
  public List<DirEntry> list(String relative) throws PathRejectedException, IOException {
    Path dir = resolve(relative);
    if (!Files.isDirectory(dir)) {
      throw new NoSuchFileException(relative, null, "not a directory");
    }
    List<DirEntry> entries = new ArrayList<>();
    try (Stream<Path> children = Files.list(dir)) {
      for (Path child : (Iterable<Path>) children::iterator) {
        String name = child.getFileName().toString();
        if (name.startsWith(".")) {
          continue;
        }
        BasicFileAttributes attrs;
        try {
          attrs = Files.readAttributes(child, BasicFileAttributes.class);
        } catch (IOException brokenLink) {
          continue;
        }
        String type = attrs.isDirectory() ? DirEntry.DIRECTORY : name.endsWith(".ipynb") ? DirEntry.NOTEBOOK : DirEntry.FILE;
        entries.add(new DirEntry(name, relative(child), type, attrs.size(), attrs.lastModifiedTime().toMillis()));
      }
    }
    entries.sort(Comparator.comparing((DirEntry e) -> !e.type().equals(DirEntry.DIRECTORY))
        .thenComparing(DirEntry::name, String.CASE_INSENSITIVE_ORDER).thenComparing(DirEntry::name));
    return entries;
  }

  public FileStamp stamp(Path file) throws IOException {
    if (!Files.exists(file)) {
      return FileStamp.ABSENT;
    }
    BasicFileAttributes attrs = Files.readAttributes(file, BasicFileAttributes.class);
    return new FileStamp(attrs.lastModifiedTime().toMillis(), attrs.size());
  }

  /** Creates a new file with a free name "{stem}.{ext}", "{stem}1.{ext}", … in a directory; returns its relative path. */
  public String createUnique(String dirRelative, String stem, String ext, byte[] content)
      throws PathRejectedException, IOException {
    Path dir = resolve(dirRelative);
    if (!Files.isDirectory(dir)) {
      throw new NoSuchFileException(dirRelative, null, "not a directory");
    }
    for (int i = 0; i < 10_000; i++) {
      Path candidate = dir.resolve(stem + (i == 0 ? "" : Integer.toString(i)) + "." + ext);
      try {
        Files.write(candidate, content, java.nio.file.StandardOpenOption.CREATE_NEW, java.nio.file.StandardOpenOption.WRITE);
        return relative(candidate);
      } catch (java.nio.file.FileAlreadyExistsException taken) {
        // try the next number
      }
    }
    throw new IOException("no free name for " + stem + "." + ext + " in '" + dirRelative + "'");
  }

  /**
   * Creates a new directory with a free name as Jupyter names them: "{stem}", "{stem} 1",
   * "{stem} 2", …; returns its relative path.
   */
  public String createUniqueDirectory(String dirRelative, String stem) throws PathRejectedException, IOException {
    Path dir = resolve(dirRelative);
    if (!Files.isDirectory(dir)) {
      throw new NoSuchFileException(dirRelative, null, "not a directory");
    }
    for (int i = 0; i < 10_000; i++) {
      Path candidate = dir.resolve(i == 0 ? stem : stem + " " + i);
      try {
        Files.createDirectory(candidate);
        return relative(candidate);
      } catch (java.nio.file.FileAlreadyExistsException taken) {
        // try the next number
      }
    }
    throw new IOException("no free name for " + stem + " in '" + dirRelative + "'");
  }

  /** Renames a file or directory inside the notebook directory; never replaces an existing file. */
  public void rename(String from, String to) throws PathRejectedException, IOException {
    Path source = resolve(from);
    Path target = resolve(to);
    if (!Files.exists(source, LinkOption.NOFOLLOW_LINKS)) {
      throw new NoSuchFileException(from, null, "no such file");
    }
    if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
      throw new java.nio.file.FileAlreadyExistsException(to, null, "a file with that name exists");
    }
    if (!Files.isDirectory(target.getParent())) {
      // Files.move would name the (existing) source as the missing file
      throw new NoSuchFileException(root.relativize(target.getParent()).toString(), null, "no such folder");
    }
    Files.move(source, target);
  }

  /** Deletes a file or an empty directory. */
  public void delete(String relative) throws PathRejectedException, IOException {
    Path target = resolve(relative);
    if (target.equals(root)) {
      throw new PathRejectedException("the notebook directory itself cannot be deleted");
    }
    Files.delete(target);
  }

  /** Writes uploaded bytes (atomically), replacing a file of the same name. */
  public FileStamp writeBytes(String relative, byte[] bytes) throws PathRejectedException, IOException {
    Path file = resolve(relative);
    Path temp = Files.createTempFile(file.getParent(), "." + file.getFileName() + "~", ".tmp");
    try {
      Files.write(temp, bytes);
      Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } finally {
      Files.deleteIfExists(temp);
    }
    return stamp(file);
  }

  /** A file's text and the stamp it had when read. */
  public record Read(String text, FileStamp stamp) {}

  public Read read(String relative) throws PathRejectedException, IOException {
    Path file = resolve(relative);
    FileStamp before = stamp(file);
    if (before.equals(FileStamp.ABSENT)) {
      throw new NoSuchFileException(relative, null, "no such file");
    }
    String text = Files.readString(file, StandardCharsets.UTF_8);
    return new Read(text, before);
  }

  /**
   * A text file's content and stamp, for the text editor: strict UTF-8 without NUL characters.
   * Anything else (an image, a zip, a class file) is refused with {@link NotTextException}, since
   * an editor would show garbage and saving it back would destroy the file.
   */
  public Read readText(String relative) throws PathRejectedException, IOException, NotTextException {
    Path file = resolve(relative);
    if (!Files.isRegularFile(file)) {
      throw new NoSuchFileException(relative, null, Files.isDirectory(file) ? "a folder, not a file" : "no such file");
    }
    FileStamp before = stamp(file);
    String text;
    try {
      text = StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(Files.readAllBytes(file))).toString();
    } catch (java.nio.charset.CharacterCodingException e) {
      throw new NotTextException(relative);
    }
    if (text.indexOf('\0') >= 0) {
      throw new NotTextException(relative);
    }
    return new Read(text, before);
  }

  /**
   * Writes atomically (temp file in the same directory, then rename, as Jupyter's
   * {@code use_atomic_writing}), but only if the file is still as {@code expected} (pass null to
   * skip the check). Returns the new stamp.
   */
  public FileStamp writeAtomically(String relative, String text, FileStamp expected)
      throws PathRejectedException, IOException, FileChangedException {
    Path file = resolve(relative);
    if (expected != null) {
      FileStamp now = stamp(file);
      if (!now.equals(expected)) {
        throw new FileChangedException("'" + relative + "' was changed on disk since it was opened; "
            + "it was not overwritten (reload it to see the other version)");
      }
    }
    Path temp = Files.createTempFile(file.getParent(), "." + file.getFileName() + "~", ".tmp");
    try {
      Files.writeString(temp, text, StandardCharsets.UTF_8);
      if (Files.exists(file)) {
        try {
          Files.setPosixFilePermissions(temp, Files.getPosixFilePermissions(file));
        } catch (UnsupportedOperationException | IOException ignored) {
          // keep the default permissions of the new file
        }
      }
      try {
        Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(temp);
    }
    return stamp(file);
  }
}
