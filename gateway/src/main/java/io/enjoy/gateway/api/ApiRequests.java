package io.enjoy.gateway.api;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.List;

/** Reading API request bodies; a malformed one is an {@link IllegalArgumentException} naming the problem (→ 400). */
final class ApiRequests {
  private ApiRequests() {}

  /** The body as a JSON object, or null when there is none. */
  static Future<JsonObject> body(RoutingContext rc) {
    Future<Buffer> raw = rc.body().available() ? Future.succeededFuture(rc.body().buffer()) : rc.request().body();
    return raw.map(buffer -> {
      if (buffer == null || buffer.length() == 0) {
        return null;
      }
      try {
        return new JsonObject(buffer);
      } catch (RuntimeException e) {
        throw new IllegalArgumentException("The body is not a JSON object");
      }
    });
  }

  /** {@code field} as a list of non-empty strings; absent = empty. */
  static List<String> strings(JsonObject body, String field) {
    Object value = body == null ? null : body.getValue(field);
    if (value == null) {
      return List.of();
    }
    if (!(value instanceof JsonArray array)) {
      throw new IllegalArgumentException(field + " must be a list of strings");
    }
    List<String> result = new ArrayList<>();
    for (Object item : array) {
      if (!(item instanceof String text) || text.isEmpty()) {
        throw new IllegalArgumentException(field + " must be a list of non-empty strings, found " + item);
      }
      result.add(text);
    }
    return result;
  }

  /** A boolean field; absent = {@code fallback}. */
  static boolean flag(JsonObject body, String field, boolean fallback) {
    Object value = body == null ? null : body.getValue(field);
    if (value == null) {
      return fallback;
    }
    if (!(value instanceof Boolean b)) {
      throw new IllegalArgumentException(field + " must be true or false");
    }
    return b;
  }
}
