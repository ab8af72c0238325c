package io.enjoy.gateway.pages;

import static io.enjoy.gateway.http.Html.escape;

import io.enjoy.gateway.auth.Xsrf;
import io.vertx.ext.web.RoutingContext;
import java.util.LinkedHashMap;
import java.util.Map;

/** Markup shared by the hub pages: one-button POST forms carrying the XSRF token, and redirects. */
final class Forms {
  private Forms() {}

  /**
   * A form that POSTs {@code hidden} fields with one real button.
   *
   * @param token     the request's XSRF token (unescaped)
   * @param buttonId  the button's id, or null
   * @param label     the button's visible text
   * @param ariaLabel a longer accessible name when {@code label} alone is ambiguous (e.g. "Stop" in a table), or null
   */
  static String button(String action, String token, String buttonId, String label, String ariaLabel, Map<String, String> hidden) {
    StringBuilder form = new StringBuilder("<form method=\"post\" action=\"").append(escape(action)).append("\">")
        .append("<input type=\"hidden\" name=\"").append(Xsrf.FIELD).append("\" value=\"").append(escape(token)).append("\">");
    hidden.forEach((name, value) -> form.append("<input type=\"hidden\" name=\"").append(escape(name)).append("\" value=\"")
        .append(escape(value)).append("\">"));
    form.append("<button type=\"submit\"");
    if (buttonId != null) {
      form.append(" id=\"").append(escape(buttonId)).append("\"");
    }
    if (ariaLabel != null) {
      form.append(" aria-label=\"").append(escape(ariaLabel)).append("\"");
    }
    return form.append(">").append(escape(label)).append("</button></form>\n").toString();
  }

  static Map<String, String> fields(String... nameValuePairs) {
    Map<String, String> fields = new LinkedHashMap<>();
    for (int i = 0; i + 1 < nameValuePairs.length; i += 2) {
      if (nameValuePairs[i + 1] != null) {
        fields.put(nameValuePairs[i], nameValuePairs[i + 1]);
      }
    }
    return fields;
  }

  /** The hidden XSRF field for a hand-written form. */
  static String xsrfField(String token) {
    return "<input type=\"hidden\" name=\"" + Xsrf.FIELD + "\" value=\"" + escape(token) + "\">";
  }

  static void redirect(RoutingContext rc, int status, String location) {
    rc.response().setStatusCode(status).putHeader("Location", location).putHeader("Cache-Control", "no-store").end();
  }

  /** A form field, trimmed; "" when absent. */
  static String field(RoutingContext rc, String name) {
    String value = rc.request().getFormAttribute(name);
    return value == null ? "" : value.trim();
  }

  static String text(Object value) {
    return value == null ? "never" : value.toString().replace('T', ' ').replaceFirst("\\.\\d+Z$", "Z");
  }
}
