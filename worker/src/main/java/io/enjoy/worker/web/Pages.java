package io.enjoy.worker.web;

import io.enjoy.worker.files.DirEntry;
import io.enjoy.worker.files.NotebookDir;
import io.enjoy.worker.notebook.Notebook;
import io.enjoy.worker.session.NotebookSession;
import io.enjoy.worker.session.NotebookSessions;
import io.vertx.core.WorkerExecutor;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.Map;

/**
 * The HTML pages: the file browser ({@code <prefix>}, {@code <prefix>tree/<dir>}) and the notebook
 * page ({@code <prefix>notebooks/<path>}). Stable hooks for tests and scripts: {@code a.file-link},
 * the cells' hooks (see {@link CellHtml}), {@code #kernel-status}, {@code #kernel-message},
 * {@code #save-notebook}, {@code #save-status}, {@code #hub-link}. Outputs are drawn by notebook.js
 * from the session snapshot.
 */
final class Pages {
  /** No inline script, no foreign origins: a notebook's content cannot run script in the page. */
  static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
      + "img-src 'self' data:; connect-src 'self'; frame-src 'self'; object-src 'none'; base-uri 'none'";

  private final String prefix;
  /** The hub's control panel (start/stop the server, log out), or null without a hub. */
  private final String hubHome;
  private final WorkerExecutor files;
  private final NotebookDir dir;
  private final NotebookSessions sessions;
  private final CellHtml cells;
  private final StaticExport export;

  Pages(String prefix, String hubHome, WorkerExecutor files, NotebookDir dir, NotebookSessions sessions, MarkdownRenderer markdown) {
    this.hubHome = hubHome;
    this.cells = new CellHtml(markdown);
    this.export = new StaticExport(markdown);
    this.prefix = prefix;
    this.files = files;
    this.dir = dir;
    this.sessions = sessions;
  }

  void fileBrowser(RoutingContext ctx, String rel) {
    String path = rel.endsWith("/") ? rel.substring(0, rel.length() - 1) : rel;
    files.executeBlocking(() -> dir.list(path), false).onComplete(ar -> {
      if (ar.failed()) {
        errorPage(ctx, ar.cause());
        return;
      }
      StringBuilder body = new StringBuilder();
      body.append("<header>").append(hubLink()).append("<h1>Files</h1><span class=\"crumbs\">").append(crumbs(path)).append("</span> ")
          .append("<button id=\"new-notebook\" type=\"button\">New notebook</button> ")
          .append("<button id=\"new-folder\" type=\"button\">New folder</button> ")
          .append("<label>Upload <input id=\"upload-file\" type=\"file\"></label> <span id=\"files-message\"></span>")
          .append("</header>\n<ul id=\"file-list\">\n");
      for (DirEntry e : ar.result()) {
        String encoded = RequestPaths.encode(e.path());
        body.append("<li class=\"entry ").append(e.type()).append("\">");
        switch (e.type()) {
          case DirEntry.DIRECTORY -> link(body, "dir-link", prefix + "tree/" + encoded, e.name() + "/");
          case DirEntry.NOTEBOOK -> link(body, "file-link", prefix + "notebooks/" + encoded, e.name());
          default -> {
            // any other file opens in the text editor (which refuses binary files); download stays one click away
            link(body, "edit-link", prefix + "edit/" + encoded, e.name());
            body.append(' ');
            link(body, "download-link", prefix + "files/" + encoded, "Download");
          }
        }
        body.append(" <button class=\"rename-entry\" type=\"button\" data-path=\"").append(Html.esc(e.path())).append("\">Rename</button>")
            .append(" <button class=\"delete-entry\" type=\"button\" data-path=\"").append(Html.esc(e.path())).append("\">Delete</button>");
        body.append("</li>\n");
      }
      body.append("</ul>\n");
      String attrs = " data-prefix=\"" + Html.esc(prefix) + "\" data-dir=\"" + Html.esc(path) + "\"";
      send(ctx, 200, "Files – " + (path.isEmpty() ? "home" : path), body.toString(), attrs);
    });
  }

  void notebookPage(RoutingContext ctx, String rel) {
    sessions.open(rel).onComplete(ar -> {
      if (ar.failed()) {
        errorPage(ctx, ar.cause());
        return;
      }
      NotebookSession session = ar.result();
      StringBuilder body = new StringBuilder();
      body.append("<header id=\"toolbar\">").append(hubLink()).append("<a class=\"home-link\" href=\"").append(Html.esc(prefix)).append("\">Files</a> ")
          .append("<span id=\"notebook-name\">").append(Html.esc(rel)).append("</span> ")
          .append("<button id=\"save-notebook\" type=\"button\">Save</button> <span id=\"save-status\"></span> ")
          .append("<button id=\"checkpoint-notebook\" type=\"button\">Checkpoint</button> ")
          .append("<button id=\"revert-notebook\" type=\"button\">Revert</button> ")
          .append("<a id=\"download-notebook\" href=\"").append(Html.esc(prefix + "files/" + RequestPaths.encode(rel)))
          .append("\" download>Download</a> ")
          .append("<a id=\"export-html\" href=\"").append(Html.esc(prefix + "nbconvert/html/" + RequestPaths.encode(rel)))
          .append("\">HTML</a> ")
          .append("<button id=\"insert-cell\" type=\"button\" title=\"Insert a code cell below\">+ Cell</button> ")
          .append("<button id=\"delete-cell\" type=\"button\">Delete cell</button> ")
          .append("<button id=\"move-up\" type=\"button\">&#8593;</button> <button id=\"move-down\" type=\"button\">&#8595;</button> ")
          .append("<button id=\"clear-outputs\" type=\"button\">Clear outputs</button> ")
          .append("<button id=\"run-all\" type=\"button\">Run all</button> ")
          .append("<button id=\"restart-run-all\" type=\"button\">Restart &amp; Run all</button> ")
          .append("<button id=\"interrupt-kernel\" type=\"button\">Interrupt</button> ")
          .append("<button id=\"restart-kernel\" type=\"button\">Restart</button> ")
          .append("<span class=\"kernel\">Kernel: <span id=\"kernel-status\">").append(Html.esc(session.status()))
          .append("</span></span> <span id=\"kernel-memory\"></span> <span id=\"kernel-message\"></span>")
          .append("<div id=\"shortcut-help\" hidden>Edit mode: Shift-Enter run and go on · Ctrl-Enter run · Alt-Enter run and insert ·")
          .append(" Tab complete · Ctrl-/ comment · Esc command mode. Command mode: Enter edit · A/B insert above/below · D,D delete ·")
          .append(" Z undo delete · C/X/V copy/cut/paste · M/Y/R Markdown/code/raw · Up/Down select · I,I interrupt · 0,0 restart · H this help.</div>")
          .append("</header>\n<main id=\"notebook\">\n");
      for (Map<String, Object> cell : session.notebook().cells()) {
        body.append(cells.cell(cell)).append('\n');
      }
      body.append("</main>\n");
      String attrs = " data-prefix=\"" + Html.esc(prefix) + "\" data-path=\"" + Html.esc(rel) + "\"";
      send(ctx, 200, rel, body.toString(), attrs);
    });
  }

  private static void link(StringBuilder body, String cls, String href, String text) {
    body.append("<a class=\"").append(cls).append("\" href=\"").append(Html.esc(href)).append("\">").append(Html.esc(text)).append("</a>");
  }

  /**
   * {@code <prefix>edit/<path>}: a file that is not a notebook, in a plain text editor (Jupyter's
   * /edit view). The page carries the file's stamp as loaded, which a save sends back so a newer
   * version on disk is never overwritten silently; a binary file gets a clear refusal and a
   * download link instead.
   */
  void textEditor(RoutingContext ctx, String rel) {
    files.executeBlocking(() -> dir.readText(rel), false).onComplete(ar -> {
      String download = prefix + "files/" + RequestPaths.encode(rel);
      if (ar.failed()) {
        errorPage(ctx, ar.cause(), "<a id=\"download-instead\" href=\"" + Html.esc(download) + "\">Download "
            + Html.esc(ContentsApi.name(rel)) + "</a> · ");
        return;
      }
      NotebookDir.Read read = ar.result();
      String body = "<header id=\"toolbar\">" + hubLink() + "<a class=\"home-link\" href=\"" + Html.esc(prefix) + "\">Files</a> "
          + "<span id=\"file-name\">" + Html.esc(rel) + "</span> "
          + "<button id=\"save-file\" type=\"button\" title=\"Ctrl-S\">Save</button> <span id=\"save-status\"></span> "
          + "<button id=\"overwrite-file\" type=\"button\" hidden>Overwrite the version on disk</button> "
          + "<a id=\"download-file\" href=\"" + Html.esc(download) + "\" download>Download</a></header>\n"
          + "<main id=\"text-file\"><textarea id=\"file-text\" spellcheck=\"false\">" + Html.esc(read.text()) + "</textarea></main>\n";
      String attrs = " data-prefix=\"" + Html.esc(prefix) + "\" data-file=\"" + Html.esc(rel) + "\" data-last-modified=\""
          + java.time.Instant.ofEpochMilli(read.stamp().modifiedMillis()) + "\" data-size=\"" + read.stamp().size() + "\"";
      send(ctx, 200, rel, body, attrs);
    });
  }

  /** {@code <prefix>nbconvert/html/<path>}: the notebook as one static HTML file, as the server holds it now. */
  void exportHtml(RoutingContext ctx, String rel) {
    NotebookSession open = sessions.ifOpen(rel);
    io.vertx.core.Future<Notebook> source = open != null ? io.vertx.core.Future.succeededFuture(open.notebook())
        : files.executeBlocking(() -> Notebook.parse(NotebookSession.readNotebookFile(dir, rel).text()), false);
    source.onComplete(ar -> {
      if (ar.failed()) {
        errorPage(ctx, ar.cause());
        return;
      }
      String name = rel.substring(rel.lastIndexOf('/') + 1).replaceAll("\\.ipynb$", "") + ".html";
      StaticExport.Exported exported = export.render(rel, ar.result());
      ctx.response().putHeader("Content-Type", "text/html; charset=utf-8")
          .putHeader("Content-Security-Policy", exported.policy())
          .putHeader("Content-Disposition", "attachment; filename*=UTF-8''" + RequestPaths.encode(name))
          .end(exported.html());
    });
  }

  /** Jupyter's "Control Panel" link: back to the hub, where the student stops the server or logs out. */
  private String hubLink() {
    return hubHome == null ? "" : "<a id=\"hub-link\" href=\"" + Html.esc(hubHome) + "\">Control panel</a> ";
  }

  private String crumbs(String path) {
    StringBuilder sb = new StringBuilder("<a class=\"dir-link\" href=\"").append(Html.esc(prefix)).append("\">home</a>");
    String acc = "";
    for (String part : path.isEmpty() ? List.<String>of() : List.of(path.split("/"))) {
      acc = acc.isEmpty() ? part : acc + "/" + part;
      sb.append(" / <a class=\"dir-link\" href=\"").append(Html.esc(prefix + "tree/" + RequestPaths.encode(acc))).append("\">")
          .append(Html.esc(part)).append("</a>");
    }
    return sb.toString();
  }

  void errorPage(RoutingContext ctx, Throwable cause) {
    errorPage(ctx, cause, "");
  }

  /** An error page; {@code otherWays} (HTML) is offered before the way back to the files. */
  private void errorPage(RoutingContext ctx, Throwable cause, String otherWays) {
    Failures f = Failures.of(cause);
    send(ctx, f.status(), "Error", hubLink() + "<h1>Cannot open this</h1><p id=\"error-message\">" + Html.esc(f.message())
        + "</p><p>" + otherWays + "<a href=\"" + Html.esc(prefix) + "\">Back to the files</a></p>", "");
  }

  private void send(RoutingContext ctx, int status, String title, String body, String bodyAttrs) {
    String html = "<!doctype html>\n<html><head><meta charset=\"utf-8\"><title>" + Html.esc(title) + "</title>"
        + "<link rel=\"stylesheet\" href=\"" + Html.esc(prefix) + "static/vendor/editor.css\">"
        + "<link rel=\"stylesheet\" href=\"" + Html.esc(prefix) + "static/notebook.css\"></head>\n<body" + bodyAttrs + ">\n"
        + body + "<script src=\"" + Html.esc(prefix) + "static/vendor/editor.js\"></script>\n" // CodeMirror + KaTeX, built from worker/frontend
        + "<script src=\"" + Html.esc(prefix) + "static/outputs.js\"></script>\n"
        + "<script src=\"" + Html.esc(prefix) + "static/completion.js\"></script>\n"
        + "<script src=\"" + Html.esc(prefix) + "static/notebook.js\"></script>\n"
        + "<script src=\"" + Html.esc(prefix) + "static/files.js\"></script>\n"
        + "<script src=\"" + Html.esc(prefix) + "static/textfile.js\"></script>\n</body></html>\n";
    ctx.response().setStatusCode(status).putHeader("Content-Type", "text/html; charset=utf-8")
        .putHeader("Content-Security-Policy", CSP).putHeader("Cache-Control", "no-store").end(html);
  }
}
