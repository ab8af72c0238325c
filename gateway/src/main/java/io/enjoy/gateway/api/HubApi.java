package io.enjoy.gateway.api;

import io.enjoy.gateway.state.HubServices;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.core.Handler;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.time.Duration;

/**
 * The hub REST API in JupyterHub's shapes, as a sub-router: mount it with
 * {@code router.route("/hub/api/*").subRouter(HubApi.router(vertx, hub))}.
 *
 * <p>Endpoints, their scopes and answers are described in {@code openapi.json} next to this class
 * (served at {@code /hub/api/openapi.json}; {@code OpenApiTest} checks each documented path
 * answers): version, health, whoami, users (list/create/get/patch/delete, activity), default and
 * named servers (start/stop/remove, progress as Server-Sent Events), tokens, groups (members,
 * EnJoY's instructors) and metrics. Rights come from roles as scopes ({@code Roles}); a token's
 * are its own scopes intersected with its owner's.
 *
 * <p>Authentication, first match wins:
 * <ol>
 *   <li>{@code Authorization: token <t>} or {@code Authorization: Bearer <t>} — an API token.</li>
 *   <li>A session principal: the session handler (mounted before this router) puts the logged-in
 *       user on the context as {@code rc.put(SESSION_USER, UserRecord)}. Because a cookie is
 *       sent by the browser automatically, a state-changing request (POST/PUT/PATCH/DELETE)
 *       authenticated this way is accepted only if the session handler also verified the XSRF
 *       token and set {@code rc.put(XSRF_VERIFIED, Boolean.TRUE)}; otherwise 403.</li>
 * </ol>
 * No credentials → 403 with a JSON message, as JupyterHub does. Errors are
 * {@code {"status": n, "message": ...}}. The router has its own {@code BodyHandler} (a no-op when
 * one already ran in front of it).
 */
public final class HubApi {
  private HubApi() {}

  /** Context key: the {@code io.enjoy.gateway.state.UserRecord} of the session's user. */
  public static final String SESSION_USER = "enjoy.user";
  /** Context key: {@code Boolean.TRUE} when the session handler verified the request's XSRF token. */
  public static final String XSRF_VERIFIED = "enjoy.xsrf.verified";
  /** How long POST/DELETE wait for the transition before answering 202 (JupyterHub's slow_spawn_timeout). */
  public static final Duration SLOW_SPAWN = Duration.ofSeconds(10);
  /** The JupyterHub API version whose shapes this API follows. */
  public static final String VERSION = "5.0.0";

  private static final long BODY_LIMIT = 256 * 1024;

  /**
   * Reads an API request's body. It must run before anything asynchronous on the request's way
   * (session lookup, XSRF check): once such a handler yields, the body streams past unread and a
   * later BodyHandler finds the request already ended.
   */
  public static BodyHandler bodyHandler() {
    return BodyHandler.create().setBodyLimit(BODY_LIMIT).setHandleFileUploads(false);
  }

  public static Router router(Vertx vertx, HubServices hub) {
    return router(vertx, hub, SLOW_SPAWN);
  }

  /** Finds the caller (token or session) for the handlers after it; 403 without credentials. */
  public static Handler<RoutingContext> authentication(HubServices hub) {
    return new ApiAuth(hub)::handle;
  }

  /** Prometheus metrics; needs {@link #authentication} in front (mounted at {@code /hub/metrics} too). */
  public static Handler<RoutingContext> metrics(HubServices hub) {
    return new HubMetrics(hub)::handle;
  }

  /** Records each API request's duration under the route that answered it ({@code jupyterhub_request_duration_seconds}). */
  private static void timed(RoutingContext rc, HubServices hub) {
    long begin = System.nanoTime();
    rc.addBodyEndHandler(v -> {
      String handler = rc.currentRoute() == null || rc.currentRoute().getPath() == null ? "other" : rc.currentRoute().getPath();
      hub.histograms().request(rc.request().method().name(), "/hub/api" + handler, rc.response().getStatusCode(),
          (System.nanoTime() - begin) / 1e9);
    });
    rc.next();
  }

  public static Router router(Vertx vertx, HubServices hub, Duration slowSpawn) {
    Router router = Router.router(vertx);
    Guard guard = new Guard(hub.groups());
    UserModels models = new UserModels(hub);
    UserHandlers users = new UserHandlers(hub, guard, models);
    UserAdmin admin = new UserAdmin(hub, guard, models, users);
    ServerHandlers servers = new ServerHandlers(vertx, hub, guard, slowSpawn);
    ProgressStream progress = new ProgressStream(vertx, hub, guard);
    TokenHandlers tokens = new TokenHandlers(hub, guard, users);
    GroupHandlers groups = new GroupHandlers(hub, guard);
    router.route().handler(rc -> timed(rc, hub));
    router.get("/").handler(rc -> ApiResponses.json(rc, 200, new JsonObject().put("version", VERSION)));
    router.get("/openapi.json").handler(OpenApiDocument::serve);
    router.route("/health").method(HttpMethod.GET).method(HttpMethod.HEAD).handler(rc -> ApiResponses.empty(rc, 200));
    // Reads bodies before the (asynchronous) token check; skipped when a BodyHandler already ran.
    router.route().handler(bodyHandler());
    router.route().handler(authentication(hub));
    router.get("/user").handler(users::whoami);
    router.get("/users").handler(new UserList(hub, models)::handle);
    router.post("/users").handler(admin::createMany);
    router.get("/users/:name").handler(users::get);
    router.post("/users/:name").handler(admin::createOne);
    router.patch("/users/:name").handler(admin::patch);
    router.delete("/users/:name").handler(admin::delete);
    router.post("/users/:name/activity").handler(users::activity);
    router.get("/users/:name/server").handler(servers::get);
    router.post("/users/:name/server").handler(servers::start);
    router.delete("/users/:name/server").handler(servers::stop);
    router.get("/users/:name/server/progress").handler(progress::handle);
    router.get("/users/:name/servers/:server_name").handler(servers::get);
    router.post("/users/:name/servers/:server_name").handler(servers::start);
    router.delete("/users/:name/servers/:server_name").handler(servers::stop);
    router.get("/users/:name/servers/:server_name/progress").handler(progress::handle);
    router.get("/users/:name/tokens").handler(tokens::list);
    router.post("/users/:name/tokens").handler(tokens::create);
    router.get("/users/:name/tokens/:token_id").handler(tokens::get);
    router.delete("/users/:name/tokens/:token_id").handler(tokens::delete);
    router.get("/groups").handler(groups::list);
    router.post("/groups").handler(groups::createMany);
    router.get("/groups/:name").handler(groups::get);
    router.post("/groups/:name").handler(groups::createOne);
    router.delete("/groups/:name").handler(groups::delete);
    router.post("/groups/:name/users").handler(groups::addMembers);
    router.delete("/groups/:name/users").handler(groups::removeMembers);
    router.post("/groups/:name/instructors").handler(groups::addInstructors);
    router.delete("/groups/:name/instructors").handler(groups::removeInstructors);
    router.get("/metrics").handler(metrics(hub));
    router.route().handler(rc -> ApiResponses.error(rc, rc.request().method() == HttpMethod.GET ? 404 : 405,
        "No such API endpoint: " + rc.request().method() + " " + rc.normalizedPath()));
    return router;
  }
}
