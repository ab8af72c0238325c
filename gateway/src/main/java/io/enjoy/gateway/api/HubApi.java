package io.enjoy.gateway.api;

import io.enjoy.gateway.state.HubServices;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import java.time.Duration;

/**
 * The hub REST API in JupyterHub's shapes, as a sub-router: mount it with
 * {@code router.route("/hub/api/*").subRouter(HubApi.router(vertx, hub))}.
 *
 * <p>Endpoints (paths relative to {@code /hub/api}):
 * <ul>
 *   <li>{@code GET /} → {@code {"version": ...}}, no authentication</li>
 *   <li>{@code GET /user} → the caller's user model plus {@code scopes}</li>
 *   <li>{@code GET /users[?state=active|inactive|ready&offset&limit]} → admins only: user models,
 *       paginated with {@code Accept: application/jupyterhub-pagination+json}</li>
 *   <li>{@code GET /users/{name}} → user model with the {@code servers} dict (active servers;
 *       {@code ?include_stopped_servers} adds stopped ones) — 403 other user, 404 unknown (admins)</li>
 *   <li>{@code POST /users/{name}/server} → 201 started (server model) / 202 still starting after
 *       {@code slowSpawn} / 400 already running / 403 / 404 / 500 spawn failed with the spawner's
 *       message</li>
 *   <li>{@code DELETE /users/{name}/server} → 204 stopped (also when it was not running) / 202
 *       still stopping</li>
 *   <li>{@code GET /users/{name}/server/progress} → Server-Sent Events: progress events, then
 *       {@code {"progress": 100, "ready": true, "url": ...}} or {@code {"failed": true, "message": ...}}</li>
 *   <li>{@code POST /users/{name}/activity} with JupyterHub's body → 200; a server token may
 *       only report for its own server</li>
 * </ul>
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
    router.get("/").handler(rc -> ApiResponses.json(rc, 200, new JsonObject().put("version", VERSION)));
    router.get("/openapi.json").handler(OpenApiDocument::serve);
    // Reads bodies before the (asynchronous) token check; skipped when a BodyHandler already ran.
    router.route().handler(bodyHandler());
    router.route().handler(new ApiAuth(hub)::handle);
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
    router.get("/metrics").handler(new HubMetrics(hub)::handle);
    router.route().handler(rc -> ApiResponses.error(rc, rc.request().method() == HttpMethod.GET ? 404 : 405,
        "No such API endpoint: " + rc.request().method() + " " + rc.normalizedPath()));
    return router;
  }
}
