package io.enjoy.gateway.api;

import io.enjoy.gateway.state.HubServices;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;

/**
 * The hub REST API in JupyterHub's shapes, as a sub-router: mount it with
 * {@code router.route("/hub/api/*").subRouter(HubApi.router(vertx, hub))}.
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
 * No credentials → 403 with a JSON message, as JupyterHub does. The router has its own body
 * handling for the requests that need a body; mount no BodyHandler in front of it that
 * consumes the body in a different way.
 */
public final class HubApi {
  private HubApi() {}

  /** Context key: the {@code io.enjoy.gateway.state.UserRecord} of the session's user. */
  public static final String SESSION_USER = "enjoy.user";
  /** Context key: {@code Boolean.TRUE} when the session handler verified the request's XSRF token. */
  public static final String XSRF_VERIFIED = "enjoy.xsrf.verified";

  public static Router router(Vertx vertx, HubServices hub) {
    Router router = Router.router(vertx);
    return router;
  }
}
