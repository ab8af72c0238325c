package io.enjoy.gateway.http;

import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One structured line per security-relevant event (T40) on the logger {@code io.enjoy.audit}:
 * {@code {"action":..,"actor":..,"target":..,"outcome":..}}. Values are JSON-escaped and cut to
 * a bounded length, so a user name with newlines or control characters cannot forge log lines
 * (T24). Never pass secrets.
 */
public final class Audit {
  private static final Logger LOG = LoggerFactory.getLogger("io.enjoy.audit");
  private static final int MAX_VALUE = 200;

  private Audit() {}

  /**
   * @param action  e.g. {@code login}, {@code logout}, {@code proxy}, {@code server.start}
   * @param actor   the user acting, or null when anonymous
   * @param target  what was acted on (user, path), or null
   * @param outcome e.g. {@code ok}, {@code refused: not on the allow-list}
   */
  public static void event(String action, String actor, String target, String outcome) {
    LOG.info(new JsonObject()
        .put("action", action)
        .put("actor", bounded(actor))
        .put("target", bounded(target))
        .put("outcome", bounded(outcome))
        .encode());
  }

  private static String bounded(String value) {
    return value == null || value.length() <= MAX_VALUE ? value : value.substring(0, MAX_VALUE) + "…";
  }
}
