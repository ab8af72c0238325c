package io.enjoy.gateway.pages;

import static io.enjoy.gateway.http.Html.escape;

import io.enjoy.conf.bus.ServerKey;
import io.enjoy.conf.bus.SpawnProgress;
import io.enjoy.gateway.servers.ServerService;
import io.enjoy.gateway.servers.ServerView;
import io.enjoy.gateway.servers.ServicePrefix;
import io.vertx.core.Future;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The home page's named servers: a table with each one's state (a progress bar and the
 * spawner's latest message while it starts), open/stop/start buttons, and a form to start a new
 * one. DOM ids: {@code table#named-servers}, {@code #named-server-<name>-state},
 * {@code #new-server-name}, {@code button#start-named-server}.
 */
final class NamedServersSection {
  /** The rendered section and whether something in it is changing (the page then reloads itself). */
  record Rendered(String html, boolean moving) {}

  private final ServerService servers;
  private final SpawnTracker tracker;
  private final int limit;

  NamedServersSection(ServerService servers, SpawnTracker tracker, int limit) {
    this.servers = servers;
    this.tracker = tracker;
    this.limit = limit;
  }

  Future<Rendered> render(String user, String xsrf) {
    if (limit == 0) {
      return Future.succeededFuture(new Rendered("", false));
    }
    return servers.serversOf(List.of(user)).map(all -> {
      List<ServerView> named = new java.util.ArrayList<>(all.get(user).stream().filter(s -> !s.name().isEmpty()).toList());
      // A start just requested may not have written its row yet; it still shows, as starting.
      for (String server : tracker.startingServers(user)) {
        if (!server.isEmpty() && named.stream().noneMatch(s -> s.name().equals(server))) {
          named.add(new ServerView(server, false, null, ServicePrefix.of(new ServerKey(user, server)), null, null, null, null, null));
        }
      }
      named.sort(java.util.Comparator.comparing(ServerView::name));
      StringBuilder html = new StringBuilder("<section aria-labelledby=\"named-heading\">\n<h2 id=\"named-heading\">Named servers</h2>\n")
          .append("<p class=\"muted\">Up to ").append(limit).append(" more servers besides your default one can run at once.</p>\n");
      boolean moving = false;
      if (!named.isEmpty()) {
        html.append("<table id=\"named-servers\"><thead><tr><th scope=\"col\">Name</th><th scope=\"col\">Status</th>")
            .append("<th scope=\"col\">Actions</th></tr></thead>\n<tbody>\n");
        for (ServerView server : named) {
          ServerKey key = new ServerKey(user, server.name());
          String state = tracker.starting(key) && server.stopped() ? "starting" : HubPages.stateText(server);
          moving |= state.equals("starting") || state.equals("stopping");
          html.append("<tr><th scope=\"row\">").append(escape(server.name())).append("</th><td><strong id=\"named-server-")
              .append(escape(server.name())).append("-state\">").append(state).append("</strong>")
              .append(progress(key, state)).append("</td><td>").append(actions(key, state, xsrf)).append("</td></tr>\n");
        }
        html.append("</tbody></table>\n");
      }
      html.append("<form method=\"post\" action=\"/hub/server/start\">").append(Forms.xsrfField(xsrf))
          .append("<label for=\"new-server-name\">New server name</label> ")
          .append("<input id=\"new-server-name\" name=\"server\" required pattern=\"[A-Za-z0-9][A-Za-z0-9._~\\-]{0,62}\" ")
          .append("aria-describedby=\"new-server-hint\"> <button type=\"submit\" id=\"start-named-server\">Start named server</button>")
          .append("<br><small id=\"new-server-hint\" class=\"muted\">Letters, digits, '.', '_', '~' or '-'.</small></form>\n</section>\n");
      return new Rendered(html.toString(), moving);
    });
  }

  /** While starting: a progress bar with the spawner's latest message. */
  private String progress(ServerKey key, String state) {
    if (!state.equals("starting")) {
      return "";
    }
    SpawnProgress latest = tracker.latest(key).orElse(new SpawnProgress(0, "Start requested", false));
    return " <progress max=\"100\" value=\"" + Math.max(0, Math.min(100, latest.progress())) + "\" aria-label=\"Start progress of "
        + escape(key.server()) + "\"></progress> <span aria-live=\"polite\">" + escape(latest.message()) + "</span>";
  }

  private static String actions(ServerKey key, String state, String xsrf) {
    String name = key.server();
    return switch (state) {
      case "running" -> "<a class=\"button\" href=\"" + escape(ServicePrefix.of(key)) + "\" aria-label=\"Open server " + escape(name) + "\">Open</a> "
          + Forms.button("/hub/server/stop", xsrf, null, "Stop", "Stop server " + name, Forms.fields("server", name));
      case "stopped" -> Forms.button("/hub/server/start", xsrf, null, "Start", "Start server " + name, Forms.fields("server", name));
      case "starting" -> "<a href=\"/hub/spawn-pending?server=" + escape(URLEncoder.encode(name, StandardCharsets.UTF_8))
          + "\">Follow the start of " + escape(name) + "</a>";
      default -> "";
    };
  }
}
