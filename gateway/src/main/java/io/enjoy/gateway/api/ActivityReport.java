package io.enjoy.gateway.api;

import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * JupyterHub's activity body: {@code {"last_activity": ts, "servers": {"<name>": {"last_activity": ts}}}}.
 * Timestamps are ISO 8601; one without an offset is UTC (Python's {@code isoformat()}).
 * More than 59 minutes in the future is refused, as JupyterHub does.
 */
record ActivityReport(Instant lastActivity, Map<String, Instant> servers) {
  static final Duration MAX_FUTURE = Duration.ofMinutes(59);

  static ActivityReport parse(JsonObject body, Instant now) {
    if (body == null) {
      throw new IllegalArgumentException("The body must be a JSON object with last_activity and/or servers");
    }
    Instant user = body.containsKey("last_activity") ? timestamp(body.getValue("last_activity"), "last_activity", now) : null;
    Map<String, Instant> servers = new LinkedHashMap<>();
    Object raw = body.getValue("servers");
    if (raw != null) {
      if (!(raw instanceof JsonObject map)) {
        throw new IllegalArgumentException("servers must be an object of server name to {\"last_activity\": ...}");
      }
      for (String name : map.fieldNames()) {
        Object entry = map.getValue(name);
        if (!(entry instanceof JsonObject server) || !server.containsKey("last_activity")) {
          throw new IllegalArgumentException("servers." + name + " must be {\"last_activity\": <timestamp>}");
        }
        servers.put(name, timestamp(server.getValue("last_activity"), "servers." + name + ".last_activity", now));
      }
    }
    if (user == null && servers.isEmpty()) {
      throw new IllegalArgumentException("Nothing to record: give last_activity or servers");
    }
    return new ActivityReport(user, servers);
  }

  private static Instant timestamp(Object value, String field, Instant now) {
    if (!(value instanceof String text)) {
      throw new IllegalArgumentException(field + " must be an ISO 8601 timestamp string");
    }
    Instant at;
    try {
      at = OffsetDateTime.parse(text).toInstant();
    } catch (DateTimeParseException withoutOffset) {
      try {
        at = LocalDateTime.parse(text).toInstant(ZoneOffset.UTC);
      } catch (DateTimeParseException e) {
        throw new IllegalArgumentException(field + " is not an ISO 8601 timestamp: " + text);
      }
    }
    if (at.isAfter(now.plus(MAX_FUTURE))) {
      throw new IllegalArgumentException(field + " is more than 59 minutes in the future: " + text);
    }
    return at;
  }
}
