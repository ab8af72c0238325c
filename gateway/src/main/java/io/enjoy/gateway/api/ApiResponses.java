package io.enjoy.gateway.api;

import io.enjoy.gateway.http.ErrorPages;
import io.enjoy.gateway.servers.ServerStateException;
import io.enjoy.gateway.state.Refusal;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** JSON answers in JupyterHub's shapes; errors are {@code {"status": n, "message": ...}}. */
final class ApiResponses {
  private static final Logger LOG = LoggerFactory.getLogger(ApiResponses.class);

  private ApiResponses() {}

  static void json(RoutingContext rc, int status, JsonObject body) {
    send(rc, status, body.encode());
  }

  static void json(RoutingContext rc, int status, JsonArray body) {
    send(rc, status, body.encode());
  }

  private static void send(RoutingContext rc, int status, String body) {
    if (rc.response().ended()) {
      return;
    }
    rc.response().setStatusCode(status).putHeader("Content-Type", "application/json").end(body);
  }

  static void empty(RoutingContext rc, int status) {
    if (!rc.response().ended()) {
      rc.response().setStatusCode(status).end();
    }
  }

  static void error(RoutingContext rc, int status, String message) {
    json(rc, status, new JsonObject().put("status", status).put("message", message));
  }

  static void failure(RoutingContext rc, Throwable e) {
    if (e instanceof ServerStateException state) {
      error(rc, state.kind().httpStatus, state.getMessage());
    } else if (e instanceof Refusal refusal) {
      error(rc, refusal.httpStatus(), refusal.getMessage());
    } else if (e instanceof IllegalArgumentException bad) {
      error(rc, 400, bad.getMessage());
    } else {
      // the cause stays in the log (T33): it may name the database, SQL or a path
      String id = ErrorPages.correlationId();
      LOG.error("[{}] {} {} failed", id, rc.request().method(), rc.request().path(), e);
      json(rc, 500, new JsonObject().put("status", 500).put("message", "Something went wrong on the hub.")
          .put("correlation_id", id));
    }
  }

  /** Refusal for a missing scope, in JupyterHub's words. */
  static Refusal forbidden(ApiCaller caller, String scope, String what) {
    return new Refusal(403, "Action is not authorized with current scopes: " + caller.describe() + " lacks " + scope + " for " + what);
  }
}
