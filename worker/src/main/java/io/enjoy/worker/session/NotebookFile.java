package io.enjoy.worker.session;

import io.enjoy.worker.files.FileStamp;
import io.enjoy.worker.files.NotebookDir;
import io.vertx.core.Future;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The file behind an open notebook: dirty tracking, one save at a time, atomic writes that never
 * overwrite a file changed on disk since it was read (M13), and Jupyter's single checkpoint in
 * {@code .ipynb_checkpoints/<name>-checkpoint.ipynb} (S3). Runs on the session's context; the
 * file work runs on the worker executor. Outcomes are reported as view events.
 */
final class NotebookFile {
  private static final Logger LOG = LoggerFactory.getLogger(NotebookFile.class);

  private final WorkerExecutor files;
  private final NotebookDir dir;
  private final String path;
  private final Consumer<JsonObject> events;
  private FileStamp stamp;
  private boolean dirty;
  private boolean saving;
  private boolean saveAgain;
  private String problem;
  private boolean overwriteOnce;

  NotebookFile(WorkerExecutor files, NotebookDir dir, String path, FileStamp stamp, Consumer<JsonObject> events) {
    this.files = files;
    this.dir = dir;
    this.path = path;
    this.stamp = stamp;
    this.events = events;
  }

  void markDirty() {
    dirty = true;
  }

  boolean isDirty() {
    return dirty;
  }

  /** Why the last save failed, or null. */
  String problem() {
    return problem;
  }

  /** Writes {@code text} if anything changed; a save during a save is repeated after it. */
  Future<Void> save(Supplier<String> text) {
    if (!dirty) {
      return Future.succeededFuture();
    }
    if (saving) {
      saveAgain = true;
      return Future.succeededFuture();
    }
    saving = true;
    dirty = false;
    String content = text.get();
    FileStamp expected = overwriteOnce ? null : stamp;
    overwriteOnce = false;
    return files.executeBlocking(() -> dir.writeAtomically(path, content, expected), false)
        .andThen(ar -> {
          saving = false;
          if (ar.succeeded()) {
            stamp = ar.result();
            problem = null;
            events.accept(new JsonObject().put("type", "saved").put("at", Instant.now().toString()));
          } else {
            dirty = true;
            problem = ar.cause().getMessage();
            LOG.warn("{}: not saved: {}", path, problem);
            events.accept(new JsonObject().put("type", "save-failed").put("message", problem));
          }
          if (saveAgain) {
            saveAgain = false;
            if (ar.succeeded()) {
              save(text);
            }
          }
        }).mapEmpty();
  }

  /** The next save replaces the file even if it changed on disk (the user chose "keep mine"). */
  void overwriteNextSave() {
    overwriteOnce = true;
    dirty = true;
  }

  /** Reads the file as it is on disk now and adopts its stamp (the user chose "load theirs"). */
  Future<String> reload() {
    return files.executeBlocking(() -> dir.read(path), false).map(read -> {
      stamp = read.stamp();
      dirty = false;
      problem = null;
      return read.text();
    });
  }

  private String checkpointPath() {
    int slash = path.lastIndexOf('/');
    String folder = slash < 0 ? "" : path.substring(0, slash + 1);
    String name = path.substring(slash + 1);
    String stem = name.endsWith(".ipynb") ? name.substring(0, name.length() - ".ipynb".length()) : name;
    return folder + ".ipynb_checkpoints/" + stem + "-checkpoint.ipynb";
  }

  /** Stores {@code text} as the notebook's one checkpoint (replacing an older one). */
  Future<Instant> checkpoint(String text) {
    String target = checkpointPath();
    return files.executeBlocking(() -> {
      java.nio.file.Files.createDirectories(dir.resolve(target).getParent());
      dir.writeAtomically(target, text, null);
      return Instant.now();
    }, false);
  }

  /** The checkpoint's text; fails with NoSuchFileException when there is none. */
  Future<String> readCheckpoint() {
    String source = checkpointPath();
    return files.executeBlocking(() -> dir.read(source).text(), false);
  }
}
