package io.enjoy.worker.web;

import io.enjoy.conf.worker.WorkerContract;
import io.enjoy.worker.WorkerSettings;
import io.enjoy.worker.activity.ActivityReporter;
import io.enjoy.worker.activity.ActivityTracker;
import io.enjoy.worker.files.NotebookDir;
import io.enjoy.worker.session.KernelLauncher;
import io.enjoy.worker.session.NotebookSessions;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.handler.StaticHandler;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The notebook server: everything under the service prefix, behind the per-server secret.
 * Routes (relative to the prefix): {@code api/status}, {@code api/contents/<path>} (GET, PUT),
 * {@code api/kernels/ws?path=} (WebSocket), {@code files/<path>} (download),
 * {@code nbconvert/html/<path>} (static HTML), {@code ""} and {@code tree/<dir>} (file browser),
 * {@code notebooks/<path>} (notebook page), {@code edit/<path>} (text editor), {@code static/*}. Anything else: 404.
 */
public final class WorkerVerticle extends VerticleBase {
  private static final Logger LOG = LoggerFactory.getLogger(WorkerVerticle.class);
  /** Dirty notebooks (e.g. output of a long cell still running) are saved at least this often. */
  static final long AUTOSAVE_MS = 10_000;

  private final WorkerSettings settings;
  private final KernelLauncher launcher;
  private WorkerExecutor files;
  private NotebookSessions sessions;
  private ActivityTracker activity;
  private ActivityReporter reporter;
  private HttpServer server;

  public WorkerVerticle(WorkerSettings settings, KernelLauncher launcher) {
    this.settings = settings;
    this.launcher = launcher;
  }

  @Override
  public Future<?> start() {
    files = vertx.createSharedWorkerExecutor("enjoy-worker-files", 4);
    return files.executeBlocking(() -> new NotebookDir(settings.notebookDir()), false).compose(dir -> {
      String prefix = settings.servicePrefix();
      sessions = new NotebookSessions(context, files, dir, launcher);
      activity = new ActivityTracker(Clock.systemUTC(), sessions::lastKernelActivity);
      ContentsApi contents = new ContentsApi(files, dir, prefix, path -> sessions.ifOpen(path) != null);
      MarkdownRenderer markdown = new MarkdownRenderer();
      Pages pages = new Pages(prefix, settings.hubBaseUrl() == null ? null : settings.hubBaseUrl() + "hub/home",
          files, dir, sessions, markdown);
      KernelSocket socket = new KernelSocket(sessions, activity, markdown);

      Router router = Router.router(vertx);
      router.route().handler(new SecretCheck(settings.secret()));
      router.get(prefix + WorkerContract.STATUS_PATH).handler(ctx -> ctx.response()
          .putHeader("Content-Type", "application/json").end(status().encode()));
      router.route(prefix + "*").handler(ctx -> {
        activity.requestSeen();
        ctx.next();
      });
      router.get(prefix + "api/contents/*").handler(contents::get);
      router.get(prefix + "api/contents").handler(contents::get);
      router.put(prefix + "api/contents/*").handler(BodyHandler.create().setBodyLimit(64L << 20)).handler(contents::put);
      router.post(prefix + "api/contents/*").handler(BodyHandler.create().setBodyLimit(1 << 16)).handler(contents::create);
      router.post(prefix + "api/contents").handler(BodyHandler.create().setBodyLimit(1 << 16)).handler(contents::create);
      router.patch(prefix + "api/contents/*").handler(BodyHandler.create().setBodyLimit(1 << 16)).handler(contents::rename);
      router.delete(prefix + "api/contents/*").handler(contents::delete);
      router.get(prefix + "api/kernels/ws").handler(socket::handle);
      router.get(prefix + "files/*").handler(ctx -> contents.download(ctx, prefix + "files/"));
      router.get(prefix + "static/*").handler(StaticHandler.create("io/enjoy/worker/static").setCachingEnabled(false)
          // our scripts and styles contain "…", "↑" and "—"; without a charset browsers read them as ASCII
          .setDefaultContentEncoding("UTF-8"));
      router.get(prefix).handler(ctx -> pages.fileBrowser(ctx, ""));
      router.get(prefix + "tree/*").handler(ctx -> pages.fileBrowser(ctx, RequestPaths.after(ctx, prefix + "tree/")));
      router.get(prefix + "nbconvert/html/*").handler(ctx -> pages.exportHtml(ctx, RequestPaths.after(ctx, prefix + "nbconvert/html/")));
      router.get(prefix + "notebooks/*").handler(ctx -> pages.notebookPage(ctx, RequestPaths.after(ctx, prefix + "notebooks/")));
      router.get(prefix + "edit/*").handler(ctx -> pages.textEditor(ctx, RequestPaths.after(ctx, prefix + "edit/")));
      router.route().last().handler(ctx -> ctx.response().setStatusCode(404)
          .putHeader("Content-Type", "text/plain; charset=utf-8").end("Not found: " + ctx.request().path() + "\n"));

      vertx.setPeriodic(AUTOSAVE_MS, id -> sessions.saveDirty());
      if (settings.reportsActivity()) {
        reporter = new ActivityReporter(vertx, settings.activityUrl(), settings.apiToken(), settings.serverName(), activity);
        reporter.start(settings.activityInterval());
      }
      // A save carries every cell's source in one message: allow big notebooks.
      HttpServerOptions options = new HttpServerOptions().setMaxWebSocketMessageSize(64 << 20);
      return vertx.createHttpServer(options).requestHandler(router).listen(settings.port(), settings.bindHost());
    }).onSuccess(s -> {
      server = s;
      LOG.info("worker serving {} on {}:{} ({})", settings.servicePrefix(), settings.bindHost(), s.actualPort(), settings);
    });
  }

  /** {@code <prefix>api/status}: readiness and activity, as Jupyter Server's /api/status. */
  private JsonObject status() {
    return new JsonObject().put("started", activity.started().toString())
        .put("last_activity", activity.lastActivity().toString())
        .put("kernels", sessions.kernels())
        .put("connections", 0);
  }

  /** The port actually bound (useful when the settings asked for port 0). */
  public int actualPort() {
    return server.actualPort();
  }

  @Override
  public Future<?> stop() {
    if (reporter != null) {
      reporter.stop();
    }
    if (sessions == null) {
      return Future.succeededFuture();
    }
    return sessions.saveDirty().otherwiseEmpty()
        .eventually(() -> {
          sessions.shutdownAll();
          return files.close();
        });
  }
}
