package io.enjoy.worker.session;

import io.enjoy.worker.notebook.JsonNumber;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Turns kernel protocol messages into nbformat 4 output objects (notebook-anchors b.3). */
final class KernelOutputs {
  private KernelOutputs() {}

  static Map<String, Object> stream(JsonObject msg) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("name", "stderr".equals(msg.getString("name")) ? "stderr" : "stdout");
    out.put("output_type", "stream");
    out.put("text", msg.getString("text", ""));
    return out;
  }

  static Map<String, Object> displayData(JsonObject msg) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("data", bundle(msg.getJsonObject("data")));
    out.put("metadata", new LinkedHashMap<String, Object>());
    out.put("output_type", "display_data");
    return out;
  }

  static Map<String, Object> executeResult(JsonObject msg) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("data", bundle(msg.getJsonObject("data")));
    Integer count = msg.getInteger("executionCount");
    out.put("execution_count", count == null ? null : JsonNumber.of(count));
    out.put("metadata", new LinkedHashMap<String, Object>());
    out.put("output_type", "execute_result");
    return out;
  }

  static Map<String, Object> error(JsonObject msg) {
    List<Object> traceback = new ArrayList<>();
    if (msg.getJsonArray("traceback") != null) {
      msg.getJsonArray("traceback").forEach(line -> traceback.add(String.valueOf(line)));
    }
    return error(msg.getString("ename", "Error"), msg.getString("evalue", ""), traceback);
  }

  /** An error output the server itself adds (kernel died, restarted), so graders see the cell failed. */
  static Map<String, Object> kernelProblem(String message) {
    return error("KernelError", message, new ArrayList<>(List.of(message)));
  }

  private static Map<String, Object> error(String ename, String evalue, List<Object> traceback) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("ename", ename);
    out.put("evalue", evalue);
    out.put("output_type", "error");
    out.put("traceback", traceback);
    return out;
  }

  private static Map<String, Object> bundle(JsonObject data) {
    Map<String, Object> bundle = new LinkedHashMap<>();
    if (data != null) {
      data.forEach(e -> bundle.put(e.getKey(), String.valueOf(e.getValue())));
    }
    bundle.putIfAbsent("text/plain", "");
    return bundle;
  }
}
