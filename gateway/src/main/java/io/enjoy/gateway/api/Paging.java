package io.enjoy.gateway.api;

import io.enjoy.gateway.state.Page;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/**
 * JupyterHub's list pagination: {@code offset} and {@code limit} (default 50, at most 200); a
 * plain JSON array, or with {@code Accept: application/jupyterhub-pagination+json} an object
 * with {@code items} and {@code _pagination: {offset, limit, total, next}}.
 */
record Paging(int offset, int limit) {
  static final int DEFAULT_LIMIT = 50;
  static final int MAX_LIMIT = 200;
  static final String MEDIA_TYPE = "application/jupyterhub-pagination+json";

  static Paging of(RoutingContext rc) {
    int offset = intParam(rc, "offset", 0);
    int limit = Math.min(MAX_LIMIT, intParam(rc, "limit", DEFAULT_LIMIT));
    if (offset < 0 || limit < 1) {
      throw new IllegalArgumentException("offset must be an integer >= 0 and limit an integer >= 1");
    }
    return new Paging(offset, limit);
  }

  private static int intParam(RoutingContext rc, String name, int fallback) {
    String value = rc.queryParams().get(name);
    try {
      return value == null || value.isEmpty() ? fallback : Integer.parseInt(value);
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  void respond(RoutingContext rc, Page<JsonObject> page) {
    JsonArray items = new JsonArray(page.items());
    String accept = rc.request().getHeader("Accept");
    if (accept == null || !accept.contains(MEDIA_TYPE)) {
      ApiResponses.json(rc, 200, items);
      return;
    }
    boolean more = offset + limit < page.total();
    JsonObject next = null;
    if (more) {
      String query = rc.request().query() == null ? "" : rc.request().query().replaceAll("(^|&)(offset|limit)=[^&]*", "");
      next = new JsonObject().put("offset", offset + limit).put("limit", limit)
          .put("url", rc.request().path() + "?offset=" + (offset + limit) + "&limit=" + limit + (query.isEmpty() ? "" : "&" + query.replaceFirst("^&", "")));
    }
    JsonObject body = new JsonObject().put("items", items)
        .put("_pagination", new JsonObject().put("offset", offset).put("limit", limit).put("total", page.total()).put("next", next));
    rc.response().setStatusCode(200).putHeader("Content-Type", MEDIA_TYPE).end(body.encode());
  }
}
