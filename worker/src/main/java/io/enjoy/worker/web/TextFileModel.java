package io.enjoy.worker.web;

import io.enjoy.worker.files.DirEntry;
import io.enjoy.worker.files.FileStamp;
import io.enjoy.worker.files.NotebookDir;
import io.enjoy.worker.notebook.JsonNumber;
import io.enjoy.worker.notebook.JupyterJsonWriter;
import io.enjoy.worker.notebook.NotebookFormatException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;

/**
 * A text file in the contents API, as the text editor reads and saves it: Jupyter's file model
 * ({@code "type": "file", "format": "text"}) plus its {@code size}. A save from the editor carries
 * {@code "expected": {"last_modified": …, "size": …}}, the file as the editor loaded it, so a
 * version written meanwhile by someone else (a second tab, a kernel, a terminal) is never
 * overwritten silently.
 */
final class TextFileModel {
  private TextFileModel() {}

  static String of(String rel, NotebookDir.Read read) {
    Map<String, Object> model = ContentsApi.model(ContentsApi.name(rel), rel, DirEntry.FILE, read.stamp().modifiedMillis(), read.text());
    model.put("format", "text");
    model.put("mimetype", "text/plain");
    model.put("size", JsonNumber.of(read.stamp().size()));
    return JupyterJsonWriter.write(model);
  }

  static boolean isEditorSave(Map<?, ?> body) {
    return "file".equals(body.get("type")) && "text".equals(body.get("format")) && body.get("content") instanceof String
        && body.containsKey("expected");
  }

  /** The stamp the editor loaded; null ("expected": null) when the user chose to overwrite. */
  static FileStamp expected(Map<?, ?> body) throws NotebookFormatException {
    if (body.get("expected") == null) {
      return null;
    }
    if (!(body.get("expected") instanceof Map<?, ?> loaded) || !(loaded.get("last_modified") instanceof String when)
        || !(loaded.get("size") instanceof JsonNumber size) || size.asLong() == null) {
      throw new NotebookFormatException("\"expected\" must be {\"last_modified\": \"<ISO time>\", \"size\": <bytes>}");
    }
    try {
      return new FileStamp(Instant.parse(when).toEpochMilli(), size.asLong());
    } catch (DateTimeParseException e) {
      throw new NotebookFormatException("\"expected.last_modified\" is not an ISO time: " + when);
    }
  }
}
