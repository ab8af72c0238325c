package io.enjoy.gateway.pages;

import static io.enjoy.gateway.http.Html.escape;

import io.enjoy.conf.bus.ServerKey;
import io.enjoy.gateway.api.PagePermissions;
import io.enjoy.gateway.auth.HubSession;
import io.enjoy.gateway.auth.LoginRequired;
import io.enjoy.gateway.auth.Xsrf;
import io.enjoy.gateway.http.Audit;
import io.enjoy.gateway.http.PageLayout;
import io.enjoy.gateway.http.ShownError;
import io.enjoy.gateway.servers.ServerNames;
import io.enjoy.gateway.servers.ServerView;
import io.enjoy.gateway.state.HubServices;
import io.enjoy.gateway.state.ListedUser;
import io.enjoy.gateway.state.UserQuery;
import io.enjoy.gateway.state.Visibility;
import io.vertx.core.Future;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.Map;

/**
 * {@code /hub/instructor}, for holders of a group's instructor role: for each group they
 * instruct, its members with their servers' state, their last activity and Start/Stop where
 * the instructor's scopes allow it ({@link PagePermissions}, as the REST API decides). Nobody
 * outside those groups is listed or can be acted on: the form handlers check the target's
 * membership again. DOM ids for tests: {@code table#members-<group id>}.
 */
final class InstructorPage {
  /** A lecture is a few hundred students; beyond this the page says how many are not shown. */
  static final int MAX_MEMBERS_SHOWN = 1000;
  private static final String PERMISSIONS = "enjoy.page.permissions";

  private final PageLayout layout;
  private final HubServices hub;

  InstructorPage(PageLayout layout, HubServices hub) {
    this.layout = layout;
    this.hub = hub;
  }

  void mount(Router router) {
    router.route("/hub/instructor*").handler(LoginRequired::handle).handler(this::instructorsOnly);
    router.get("/hub/instructor").handler(this::show);
    router.post("/hub/instructor/servers/start").handler(rc -> act(rc, "servers", true));
    router.post("/hub/instructor/servers/stop").handler(rc -> act(rc, "delete:servers", false));
  }

  /** Rights are read from the database on each request: a role taken away ends the page at once. */
  private void instructorsOnly(RoutingContext rc) {
    hub.users().find(HubSession.userName(rc))
        .compose(user -> user.isEmpty() ? Future.succeededFuture(null) : PagePermissions.of(hub.groups(), user.get()))
        .onFailure(rc::fail)
        .onSuccess(permissions -> {
          if (permissions == null || permissions.instructs().isEmpty()) {
            rc.fail(new ShownError(403, "This page is for instructors of a course group."));
            return;
          }
          rc.put(PERMISSIONS, permissions);
          rc.next();
        });
  }

  private void show(RoutingContext rc) {
    PagePermissions permissions = rc.get(PERMISSIONS);
    String xsrf = Xsrf.token(rc);
    List<Future<String>> sections = permissions.instructs().stream().map(group -> section(permissions, group, xsrf)).toList();
    Future.all(sections).onFailure(rc::fail).onSuccess(all -> {
      StringBuilder body = new StringBuilder("<p>The members of the groups you instruct, with their servers.</p>\n");
      sections.forEach(section -> body.append(section.result()));
      layout.send(rc.response(), 200, "Your groups", HubSession.userName(rc), xsrf, body.toString(), 0);
    });
  }

  private Future<String> section(PagePermissions permissions, String group, String xsrf) {
    // the group's members, and only those the instructor may list (both must hold, as in GET /hub/api/users)
    List<Visibility> visible = List.of(new Visibility(false, List.of(), List.of(group)), permissions.visibility("list:users"));
    return hub.directory().listing(new UserQuery("", null, visible, 0, MAX_MEMBERS_SHOWN))
        .compose(page -> hub.servers().serversOf(page.items().stream().map(u -> u.user().name()).toList()).map(servers -> {
          String id = "group-" + group.replaceAll("[^A-Za-z0-9_-]", "_");
          StringBuilder html = new StringBuilder("<section aria-labelledby=\"").append(escape(id)).append("\"><h2 id=\"")
              .append(escape(id)).append("\">").append(escape(group)).append("</h2>\n<p>").append(page.total())
              .append(page.total() == 1 ? " member" : " members")
              .append(page.total() > page.items().size() ? " (the first " + page.items().size() + " are shown)" : "").append(".</p>\n");
          table(html, id, page.items(), servers, permissions, xsrf);
          return html.append("</section>\n").toString();
        }));
  }

  private static void table(StringBuilder html, String id, List<ListedUser> members, Map<String, List<ServerView>> servers,
      PagePermissions permissions, String xsrf) {
    html.append("<table id=\"members-").append(escape(id)).append("\"><caption class=\"muted\">Members, their servers and last activity</caption>\n")
        .append("<thead><tr><th scope=\"col\">Name</th><th scope=\"col\">Servers</th><th scope=\"col\">Last activity</th></tr></thead>\n<tbody>\n");
    for (ListedUser member : members) {
      String name = member.user().name();
      html.append("<tr><th scope=\"row\">").append(escape(name)).append("</th><td>")
          .append(ServerButtons.cell("/hub/instructor/servers", name, servers.getOrDefault(name, List.of()), xsrf,
              server -> permissions.allowsServer("servers", name, member.groups(), server),
              server -> permissions.allowsServer("delete:servers", name, member.groups(), server)))
          .append("</td><td>").append(escape(Forms.text(member.user().lastActivity()))).append("</td></tr>\n");
    }
    html.append("</tbody></table>\n");
  }

  /** Start or stop a member's server: allowed only by the same scope check as the API, on the member's groups now. */
  private void act(RoutingContext rc, String scope, boolean start) {
    PagePermissions permissions = rc.get(PERMISSIONS);
    String user = Forms.field(rc, "user");
    String server = Forms.field(rc, "server");
    if (user.isEmpty() || (!server.isEmpty() && ServerNames.problem(server).isPresent())) {
      rc.fail(new ShownError(400, user.isEmpty() ? "No user given." : ServerNames.problem(server).get()));
      return;
    }
    String actor = HubSession.userName(rc);
    ServerKey key = new ServerKey(user, server);
    hub.groups().groupsOf(List.of(user)).onFailure(rc::fail).onSuccess(groups -> {
      if (!permissions.allowsServer(scope, user, groups.getOrDefault(user, List.of()), server)) {
        Audit.event(start ? "server.start" : "server.stop", actor, user, "refused: not a member of a group " + actor + " instructs");
        rc.fail(new ShownError(403, "You can only start and stop the servers of members of the groups you instruct."));
        return;
      }
      Audit.event(start ? "server.start" : "server.stop", actor, user, "requested by an instructor");
      if (start) {
        hub.servers().start(key);
      } else {
        hub.servers().stop(key, "stopped by instructor " + actor);
      }
      Forms.redirect(rc, 303, "/hub/instructor");
    });
  }
}
