package io.enjoy.gateway.api;

import io.enjoy.gateway.servers.ServerStateException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/** JSON answers in JupyterHub's shapes; errors are {@code {"status": n, "message": ...}}. */
final class ApiResponses {
  private ApiResponses() {}

  static void json(RoutingContext rc, int status, JsonObject body) {
    if (rc.response().ended()) {
      return;
    }
    rc.response().setStatusCode(status).putHeader("Content-Type", "application/json").end(body.encode());
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
    } else {
      error(rc, 500, e.getMessage() == null ? e.toString() : e.getMessage());
    }
  }
}
