package io.enjoy.gateway.http;

import io.enjoy.gateway.auth.Xsrf;
import io.vertx.core.http.HttpServerResponse;

/**
 * The frame of every hub page: plain HTML5, one stylesheet, no scripts, a skip link, a logout form and
 * landmarks for screen readers. When the development login provider is on, every page carries a
 * visible banner saying so.
 */
public final class PageLayout {
  /** Text of the banner shown while the development provider is enabled. */
  public static final String DEV_BANNER = "Development login provider — not for production";

  private final boolean devProvider;

  public PageLayout(boolean devProvider) {
    this.devProvider = devProvider;
  }

  /**
   * @param title    page title (escaped here)
   * @param userName logged-in user shown in the header with a logout link, or null
   * @param bodyHtml already escaped body markup
   */
  public String render(String title, String userName, String bodyHtml) {
    return render(title, userName, bodyHtml, 0);
  }

  /** @param refreshSeconds &gt; 0 = reload the page after that many seconds (progress pages work without script) */
  public String render(String title, String userName, String bodyHtml, int refreshSeconds) {
    return render(title, userName, null, bodyHtml, refreshSeconds);
  }

  /**
   * @param xsrfToken the request's XSRF token: the header's "Log out" is then a POST form; without
   *                  one (pages outside {@code /hub/}) it links to the logout confirmation page,
   *                  which is harmless to GET
   */
  public String render(String title, String userName, String xsrfToken, String bodyHtml, int refreshSeconds) {
    StringBuilder html = new StringBuilder(2048);
    html.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
        .append(refreshSeconds > 0 ? "<meta http-equiv=\"refresh\" content=\"" + refreshSeconds + "\">\n" : "")
        .append("<title>").append(Html.escape(title)).append(" · EnJoY</title>\n")
        .append("<link rel=\"stylesheet\" href=\"/hub/static/hub.css\">\n</head>\n<body>\n")
        .append("<a class=\"skip\" href=\"#main\">Skip to content</a>\n");
    if (devProvider) {
      html.append("<div class=\"dev-banner\" id=\"dev-banner\" role=\"note\">")
          .append(Html.escape(DEV_BANNER)).append("</div>\n");
    }
    html.append("<header><span class=\"brand\">EnJoY</span>");
    if (userName != null) {
      html.append("<nav aria-label=\"Account\"><span id=\"user-name\">").append(Html.escape(userName))
          .append("</span> · <a href=\"/hub/home\">Home</a> · ").append(logoutControl(xsrfToken)).append("</nav>");
    }
    html.append("</header>\n<main id=\"main\">\n<h1>").append(Html.escape(title)).append("</h1>\n")
        .append(bodyHtml)
        .append("\n</main>\n</body>\n</html>\n");
    return html.toString();
  }

  /** Logging out changes state, so it is a POST with the XSRF token (a GET of /hub/logout only asks for confirmation). */
  public static String logoutForm(String xsrfToken, String buttonId, String label) {
    return "<form method=\"post\" action=\"/hub/logout\"><input type=\"hidden\" name=\"" + Xsrf.FIELD + "\" value=\""
        + Html.escape(xsrfToken) + "\"><button type=\"submit\" id=\"" + buttonId + "\">" + Html.escape(label) + "</button></form>";
  }

  private static String logoutControl(String xsrfToken) {
    return xsrfToken == null ? "<a id=\"logout\" href=\"/hub/logout\">Log out</a>" : logoutForm(xsrfToken, "logout", "Log out");
  }

  /** Sends a page with the hub's security headers. */
  public void send(HttpServerResponse response, int status, String title, String userName, String bodyHtml) {
    send(response, status, title, userName, bodyHtml, 0);
  }

  public void send(HttpServerResponse response, int status, String title, String userName, String bodyHtml, int refreshSeconds) {
    send(response, status, title, userName, null, bodyHtml, refreshSeconds);
  }

  /** As {@link #send(HttpServerResponse, int, String, String, String, int)}, with the XSRF token for the header's logout form. */
  public void send(HttpServerResponse response, int status, String title, String userName, String xsrfToken, String bodyHtml,
      int refreshSeconds) {
    SecurityHeaders.apply(response);
    response.setStatusCode(status)
        .putHeader("Content-Type", "text/html; charset=utf-8")
        .putHeader("Cache-Control", "no-store")
        .end(render(title, userName, xsrfToken, bodyHtml, refreshSeconds));
  }
}
