package io.enjoy.worker.web;

import io.enjoy.worker.activity.ActivityTracker;
import io.enjoy.worker.notebook.Notebook;
import io.enjoy.worker.session.NotebookSession;
import io.enjoy.worker.session.NotebookSessions;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * {@code <prefix>api/kernels/ws?path=<notebook>}: the notebook page's live connection. The view
 * sends {@code execute {cellId, source}}, {@code edit {cellId, source}} (autosaved),
 * {@code save {sources, overwrite?}}, {@code reload} (take the file on disk), {@code insert {afterId, cellType}}, {@code delete {cellId}}, {@code undelete}, {@code clear-outputs {cellId?}},
 * {@code move {cellId, direction}}, {@code set-type {cellId, cellType}}, {@code render {cellId, source}}
 * (Markdown edited: answered with {@code rendered {cellId, html}}), {@code complete {code, cursor, requestId}}, {@code checkpoint}, {@code revert}, {@code interrupt},
 * {@code restart}, {@code restart-run-all}; it receives the session's events ({@code snapshot}, {@code status},
 * {@code queued}, {@code started}, {@code output}, {@code finished}, {@code aborted},
 * {@code kernel}, {@code saved}, {@code save-failed}, {@code inserted}, {@code deleted},
 * {@code moved}, {@code retyped} (inserted and retyped carry the cell's {@code html}), {@code cleared}, {@code checkpointed}, {@code reverted}, {@code error}; and, to the asker only,
 * {@code completion {requestId, matches, start, end}}).
 */
final class KernelSocket {
  private final NotebookSessions sessions;
  private final ActivityTracker activity;
  private final CellHtml cells;

  KernelSocket(NotebookSessions sessions, ActivityTracker activity, MarkdownRenderer markdown) {
    this.sessions = sessions;
    this.activity = activity;
    this.cells = new CellHtml(markdown);
  }

  void handle(RoutingContext ctx) {
    String path = ctx.request().getParam("path");
    if (path == null || path.isBlank()) {
      ctx.response().setStatusCode(400).end("the WebSocket needs ?path=<notebook path>\n");
      return;
    }
    ctx.request().toWebSocket().onSuccess(ws -> {
      // The handler is set at once: Vert.x drops frames that arrive while a WebSocket has no
      // handler, and a page may send (run a cell, an edit) before its session has been opened.
      EarlyMessages early = new EarlyMessages();
      ws.textMessageHandler(early::take);
      sessions.open(path).onComplete(ar -> {
        if (ar.failed()) {
          ws.writeTextMessage(error(Failures.of(ar.cause()).message()).encode()).eventually(() -> ws.close());
          return;
        }
        attach(ws, ar.result(), early);
      });
    }).onFailure(e -> {
      if (!ctx.response().ended()) {
        ctx.response().setStatusCode(400).end("WebSocket upgrade failed: " + e.getMessage() + "\n");
      }
    });
  }

  /** Messages a view sent before its session was open; handled in order once it is. */
  private static final class EarlyMessages {
    private final List<String> waiting = new ArrayList<>();
    private Consumer<String> handler;

    void take(String text) {
      if (handler != null) {
        handler.accept(text);
      } else {
        waiting.add(text);
      }
    }

    void handleWith(Consumer<String> h) {
      handler = h;
      waiting.forEach(h);
      waiting.clear();
    }
  }

  private void attach(ServerWebSocket ws, NotebookSession session, EarlyMessages early) {
    if (ws.isClosed()) {
      return; // the view left while its session was opening
    }
    Consumer<JsonObject> listener = event -> {
      if (!ws.isClosed()) {
        ws.writeTextMessage(withCellHtml(session, event).encode());
      }
    };
    ws.closeHandler(v -> session.removeListener(listener));
    session.addListener(listener); // the snapshot goes first, then the answers to early messages
    early.handleWith(text -> {
      activity.requestSeen();
      JsonObject msg;
      try {
        msg = new JsonObject(text);
      } catch (RuntimeException e) {
        listener.accept(error("not a JSON message: " + e.getMessage()));
        return;
      }
      handleMessage(session, msg, listener);
    });
  }

  private void handleMessage(NotebookSession session, JsonObject msg, Consumer<JsonObject> reply) {
    switch (msg.getString("type", "")) {
      case "execute" -> {
        String problem = session.execute(msg.getString("cellId", ""), msg.getString("source"));
        if (problem != null) {
          reply.accept(error(problem));
        }
      }
      case "save" -> {
        session.updateSources(sources(msg));
        if (msg.getBoolean("overwrite", false)) {
          session.saveOverwriting(); // the user keeps this version over one changed on disk
        } else {
          session.saveNow(); // the outcome reaches every view as saved / save-failed
        }
      }
      case "reload" -> session.reloadFromDisk().onFailure(e -> reply.accept(error("cannot reload: " + Failures.of(e).message())));
      case "edit" -> session.updateSources(Map.of(msg.getString("cellId", ""), msg.getString("source", "")));
      case "insert" -> session.insertCell(msg.getString("afterId"), msg.getString("cellType", "code"));
      case "delete" -> {
        String problem = session.deleteCell(msg.getString("cellId", ""));
        if (problem != null) {
          reply.accept(error(problem));
        }
      }
      case "copy", "cut", "paste" -> {
        String problem = switch (msg.getString("type")) {
          case "copy" -> session.copyCell(msg.getString("cellId", ""));
          case "cut" -> session.cutCell(msg.getString("cellId", ""));
          default -> session.pasteCell(msg.getString("afterId"));
        };
        if (problem != null) {
          reply.accept(error(problem));
        }
      }
      case "clear-outputs" -> session.clearOutputs(msg.getString("cellId"));
      case "undelete" -> {
        String problem = session.undoDelete();
        if (problem != null) {
          reply.accept(error(problem));
        }
      }
      case "render" -> {
        String cellId = msg.getString("cellId", "");
        session.updateSources(Map.of(cellId, msg.getString("source", "")));
        Map<String, Object> cell = session.notebook().cell(cellId);
        if (cell != null) {
          reply.accept(new JsonObject().put("type", "rendered").put("cellId", cellId).put("html", cells.shown(cell))
              .put("source", Notebook.source(cell)));
        }
      }
      case "set-type" -> {
        String problem = session.changeType(msg.getString("cellId", ""), msg.getString("cellType", ""));
        if (problem != null) {
          reply.accept(error(problem));
        }
      }
      case "move" -> session.moveCell(msg.getString("cellId", ""), msg.getInteger("direction", 0));
      case "complete" -> session.complete(msg.getString("code", ""), msg.getInteger("cursor", 0),
          msg.getString("requestId", ""), reply);
      case "checkpoint" -> session.checkpoint().onFailure(e -> reply.accept(error("checkpoint failed: " + e.getMessage())));
      case "revert" -> session.revertToCheckpoint()
          .onFailure(e -> reply.accept(error("cannot revert: " + Failures.of(e).message())));
      case "interrupt" -> session.interrupt();
      case "restart" -> session.restart("requested");
      case "restart-run-all" -> session.restartAndRunAll();
      default -> reply.accept(error("unknown message type '" + msg.getString("type") + "'"));
    }
  }

  /**
   * A cell that appeared or changed type comes with its HTML (rendered here, where Markdown is
   * rendered), so the page puts it in place without reloading and the selection stays.
   */
  private JsonObject withCellHtml(NotebookSession session, JsonObject event) {
    String type = event.getString("type");
    if (!"inserted".equals(type) && !"retyped".equals(type)) {
      return event;
    }
    Map<String, Object> cell = session.notebook().cell(event.getString("cellId"));
    return cell == null ? event : event.copy().put("html", cells.cell(cell));
  }

  private static Map<String, String> sources(JsonObject msg) {
    Map<String, String> sources = new HashMap<>();
    JsonObject given = msg.getJsonObject("sources");
    if (given != null) {
      given.forEach(e -> sources.put(e.getKey(), String.valueOf(e.getValue())));
    }
    return sources;
  }

  private static JsonObject error(String message) {
    return new JsonObject().put("type", "error").put("message", message);
  }
}
