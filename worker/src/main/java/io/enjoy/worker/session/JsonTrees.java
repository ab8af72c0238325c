package io.enjoy.worker.session;

import io.enjoy.worker.notebook.JsonNumber;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;

/** Converts the notebook's untyped JSON tree into Vert.x JSON for the views. */
final class JsonTrees {
  private JsonTrees() {}

  static Object toVertx(Object v) {
    if (v instanceof Map<?, ?> map) {
      JsonObject o = new JsonObject();
      map.forEach((k, val) -> o.put((String) k, toVertx(val)));
      return o;
    }
    if (v instanceof List<?> list) {
      JsonArray a = new JsonArray();
      list.forEach(x -> a.add(toVertx(x)));
      return a;
    }
    if (v instanceof JsonNumber n) {
      Long l = n.asLong();
      if (l != null) {
        return l;
      }
      try {
        return Double.parseDouble(n.text());
      } catch (NumberFormatException e) {
        return n.text();
      }
    }
    return v;
  }
}
