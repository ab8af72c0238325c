package io.enjoy.worker.web;

import io.enjoy.worker.files.DirEntry;
import io.enjoy.worker.files.NotebookDir;
import io.enjoy.worker.notebook.JsonText;
import io.enjoy.worker.notebook.JupyterJsonWriter;
import io.enjoy.worker.notebook.Notebook;
import io.enjoy.worker.notebook.NotebookFormatException;
import io.enjoy.worker.session.NotebookSession;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code <prefix>api/contents/<path>} in the shape of Jupyter's contents API: GET lists a
 * directory or returns a notebook (multiline fields joined, as Jupyter does); PUT
 * {@code {"type":"notebook","content":{…}}} saves a notebook atomically. The JSON is parsed and
 * written with the notebook codec, so numbers and unknown keys pass through unchanged.
 */
final class ContentsApi {
  private final WorkerExecutor files;
  private final NotebookDir dir;
  private final String base;

  /** A new notebook: Java kernelspec and language_info as JJava/IJava notebooks carry them (notebook-anchors b.1). */
  static final String NEW_NOTEBOOK = "{\n \"cells\": [\n  {\n   \"cell_type\": \"code\",\n   \"execution_count\": null,\n"
      + "   \"id\": \"%s\",\n   \"metadata\": {},\n   \"outputs\": [],\n   \"source\": []\n  }\n ],\n"
      + " \"metadata\": {\n  \"kernelspec\": {\n   \"display_name\": \"Java\",\n   \"language\": \"java\",\n   \"name\": \"java\"\n  },\n"
      + "  \"language_info\": {\n   \"codemirror_mode\": \"java\",\n   \"file_extension\": \".jshell\",\n"
      + "   \"mimetype\": \"text/x-java-source\",\n   \"name\": \"Java\",\n   \"pygments_lexer\": \"java\",\n"
      + "   \"version\": \"%s\"\n  }\n },\n \"nbformat\": 4,\n \"nbformat_minor\": 5\n}\n";

  private final java.util.function.Predicate<String> isOpen;

  ContentsApi(WorkerExecutor files, NotebookDir dir, String prefix, java.util.function.Predicate<String> isOpen) {
    this.files = files;
    this.dir = dir;
    this.base = prefix + "api/contents/";
    this.isOpen = isOpen;
  }

  /**
   * POST {@code api/contents/<dir>} {"type": "notebook"}: a new "Untitled.ipynb" (numbered if taken);
   * {"type": "directory"}: a new folder "Untitled Folder" ("Untitled Folder 1", … if taken), as Jupyter.
   */
  void create(RoutingContext ctx) {
    String rel = stripSlash(RequestPaths.after(ctx, base));
    boolean folder = "directory".equals(bodyField(ctx, "type"));
    files.executeBlocking(() -> {
      if (folder) {
        String path = dir.createUniqueDirectory(rel, "Untitled Folder");
        return JupyterJsonWriter.write(model(name(path), path, DirEntry.DIRECTORY, System.currentTimeMillis(), null));
      }
      String text = String.format(NEW_NOTEBOOK, java.util.UUID.randomUUID().toString().substring(0, 8),
          Runtime.version().feature() + "." + Runtime.version().interim() + "." + Runtime.version().update());
      String path = dir.createUnique(rel, "Untitled", "ipynb", text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
      return JupyterJsonWriter.write(model(name(path), path, DirEntry.NOTEBOOK, System.currentTimeMillis(), null));
    }, false).onComplete(ar -> reply(ctx, ar, 201));
  }

  /** A string field of the JSON request body, or null (no body, not JSON, no such field). */
  private static String bodyField(RoutingContext ctx, String field) {
    try {
      JsonObject body = ctx.body().asJsonObject();
      return body == null ? null : body.getString(field);
    } catch (RuntimeException notJson) {
      return null;
    }
  }

  /** PATCH {@code api/contents/<path>} {"path": "<new path>"}: rename (not while the notebook is open). */
  void rename(RoutingContext ctx) {
    String rel = stripSlash(RequestPaths.after(ctx, base));
    String to = bodyField(ctx, "path");
    files.executeBlocking(() -> {
      if (to == null || to.isBlank()) {
        throw new NotebookFormatException("the body must be {\"path\": \"<new path>\"}");
      }
      refuseIfOpen(rel);
      dir.rename(rel, to);
      return JupyterJsonWriter.write(model(name(to), to, Files.isDirectory(dir.resolve(to)) ? DirEntry.DIRECTORY
          : to.endsWith(".ipynb") ? DirEntry.NOTEBOOK : DirEntry.FILE, System.currentTimeMillis(), null));
    }, false).onComplete(ar -> reply(ctx, ar, 200));
  }

  /** DELETE {@code api/contents/<path>}: a file or an empty directory (not an open notebook). */
  void delete(RoutingContext ctx) {
    String rel = stripSlash(RequestPaths.after(ctx, base));
    files.executeBlocking(() -> {
      refuseIfOpen(rel);
      dir.delete(rel);
      return "";
    }, false).onComplete(ar -> {
      if (ar.succeeded()) {
        ctx.response().setStatusCode(204).end();
      } else {
        fail(ctx, ar.cause());
      }
    });
  }

  private void refuseIfOpen(String rel) {
    if (isOpen.test(rel)) {
      throw new IllegalStateException("'" + rel + "' is open with a running kernel; it cannot be renamed or deleted now");
    }
  }

  private static void reply(RoutingContext ctx, io.vertx.core.AsyncResult<String> ar, int status) {
    if (ar.succeeded()) {
      ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json; charset=utf-8").end(ar.result());
    } else {
      fail(ctx, ar.cause());
    }
  }

  void get(RoutingContext ctx) {
    String rel = stripSlash(RequestPaths.after(ctx, base));
    files.executeBlocking(() -> {
      Path target = dir.resolve(rel);
      if (Files.isDirectory(target)) {
        List<Object> content = new ArrayList<>();
        for (DirEntry e : dir.list(rel)) {
          content.add(model(e.name(), e.path(), e.type(), e.modifiedMillis(), null));
        }
        return JupyterJsonWriter.write(model(name(rel), rel, DirEntry.DIRECTORY, Files.getLastModifiedTime(target).toMillis(), content));
      }
      if (!rel.endsWith(".ipynb")) {
        return TextFileModel.of(rel, dir.readText(rel));
      }
      NotebookDir.Read read = NotebookSession.readNotebookFile(dir, rel);
      Notebook nb = Notebook.parse(read.text());
      return JupyterJsonWriter.write(model(name(rel), rel, DirEntry.NOTEBOOK, read.stamp().modifiedMillis(), nb.joinedCopy()));
    }, false).onComplete(ar -> {
      if (ar.succeeded()) {
        ctx.response().putHeader("Content-Type", "application/json; charset=utf-8").end(ar.result());
      } else {
        fail(ctx, ar.cause());
      }
    });
  }

  void put(RoutingContext ctx) {
    String rel = stripSlash(RequestPaths.after(ctx, base));
    String body = ctx.body().asString();
    files.executeBlocking(() -> {
      dir.resolve(rel); // refuse a path outside the notebook directory before looking at the body
      Object parsed;
      try {
        parsed = JsonText.parse(body == null ? "" : body);
      } catch (IllegalArgumentException e) {
        throw new NotebookFormatException("the request body is not JSON: " + e.getMessage());
      }
      if (parsed instanceof Map<?, ?> edited && TextFileModel.isEditorSave(edited)) {
        // the text editor's save: never over a version someone else wrote since it was loaded, and
        // never over a notebook that a session (with its own autosave) holds open
        refuseIfOpen(rel);
        String text = (String) edited.get("content");
        return TextFileModel.of(rel, new NotebookDir.Read(text, dir.writeAtomically(rel, text, TextFileModel.expected(edited))));
      }
      if (parsed instanceof Map<?, ?> upload && "file".equals(upload.get("type")) && upload.get("content") instanceof String content) {
        refuseIfOpen(rel);
        byte[] bytes = "base64".equals(upload.get("format")) ? java.util.Base64.getMimeDecoder().decode(content)
            : content.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        var stamp = dir.writeBytes(rel, bytes);
        return JupyterJsonWriter.write(model(name(rel), rel, DirEntry.FILE, stamp.modifiedMillis(), null));
      }
      if (!rel.endsWith(".ipynb")) {
        throw new NotebookFormatException("only notebooks (.ipynb) can be saved as notebooks, not '" + rel + "'");
      }
      if (!(parsed instanceof Map<?, ?> model) || !"notebook".equals(model.get("type")) || model.get("content") == null) {
        throw new NotebookFormatException("the body must be {\"type\": \"notebook\", \"content\": <notebook>} "
            + "or {\"type\": \"file\", \"format\": \"base64\", \"content\": ...}");
      }
      refuseIfOpen(rel);
      Notebook nb = Notebook.fromTree(model.get("content"));
      var stamp = dir.writeAtomically(rel, nb.toFileText(), null);
      return JupyterJsonWriter.write(model(name(rel), rel, DirEntry.NOTEBOOK, stamp.modifiedMillis(), null));
    }, false).onComplete(ar -> {
      if (ar.succeeded()) {
        ctx.response().putHeader("Content-Type", "application/json; charset=utf-8").end(ar.result());
      } else {
        fail(ctx, ar.cause());
      }
    });
  }

  /** {@code <prefix>files/<path>}: the file's bytes as a download (Jupyter's /files route). */
  void download(RoutingContext ctx, String filesBase) {
    String rel = RequestPaths.after(ctx, filesBase);
    files.executeBlocking(() -> {
      Path file = dir.resolve(rel);
      if (!Files.isRegularFile(file)) {
        throw new java.nio.file.NoSuchFileException(rel);
      }
      return io.vertx.core.buffer.Buffer.buffer(Files.readAllBytes(file));
    }, false).onComplete(ar -> {
      if (ar.failed()) {
        fail(ctx, ar.cause());
        return;
      }
      String name = name(rel);
      ctx.response()
          .putHeader("Content-Type", name.endsWith(".ipynb") ? "application/x-ipynb+json" : "application/octet-stream")
          .putHeader("Content-Disposition", "attachment; filename*=UTF-8''" + RequestPaths.encode(name))
          .putHeader("X-Content-Type-Options", "nosniff")
          .end(ar.result());
    });
  }

  static void fail(RoutingContext ctx, Throwable cause) {
    Failures f = Failures.of(cause);
    ctx.response().setStatusCode(f.status()).putHeader("Content-Type", "application/json; charset=utf-8")
        .end(new JsonObject().put("message", f.message()).put("reason", f.message()).encode());
  }

  static Map<String, Object> model(String name, String path, String type, long modified, Object content) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", name);
    m.put("path", path);
    m.put("type", type);
    m.put("last_modified", Instant.ofEpochMilli(modified).toString());
    m.put("format", content == null ? null : "json");
    m.put("content", content);
    return m;
  }

  static String name(String rel) {
    int slash = rel.lastIndexOf('/');
    return slash < 0 ? rel : rel.substring(slash + 1);
  }

  private static String stripSlash(String rel) {
    return rel.endsWith("/") ? rel.substring(0, rel.length() - 1) : rel;
  }
}
