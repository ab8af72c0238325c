package io.enjoy.gateway.pages;

import static io.enjoy.gateway.http.Html.escape;

import io.enjoy.gateway.servers.ServerView;
import java.util.List;
import java.util.function.Predicate;

/**
 * A table cell with each server of a user (the default one first, even if it never ran), its
 * state and a Start or Stop form, for the admin and instructor pages. The forms POST
 * {@code user} and {@code server} to {@code <actionBase>/start} or {@code /stop}.
 */
final class ServerButtons {
  private ServerButtons() {}

  /**
   * @param mayStart decides per server name whether a Start button is offered
   * @param mayStop  likewise for Stop
   */
  static String cell(String actionBase, String user, List<ServerView> servers, String xsrf, Predicate<String> mayStart,
      Predicate<String> mayStop) {
    StringBuilder html = new StringBuilder();
    if (servers.stream().noneMatch(s -> s.name().isEmpty())) {
      html.append(one(actionBase, user, "", "stopped", xsrf, mayStart, mayStop));
    }
    for (ServerView server : servers) {
      html.append(one(actionBase, user, server.name(), HubPages.stateText(server), xsrf, mayStart, mayStop));
    }
    return html.toString();
  }

  private static String one(String actionBase, String user, String server, String state, String xsrf, Predicate<String> mayStart,
      Predicate<String> mayStop) {
    String what = (server.isEmpty() ? "default server" : "server " + server) + " of " + user;
    String label = server.isEmpty() ? "default" : server;
    String html = "<div class=\"server\"><span>" + escape(label) + ": <strong>" + state + "</strong></span> ";
    var fields = Forms.fields("user", user, "server", server);
    return html + switch (state) {
      case "stopped" -> mayStart.test(server) ? Forms.button(actionBase + "/start", xsrf, null, "Start", "Start " + what, fields) : "";
      case "running", "starting" -> mayStop.test(server) ? Forms.button(actionBase + "/stop", xsrf, null, "Stop", "Stop " + what, fields) : "";
      default -> "";
    } + "</div>";
  }
}
