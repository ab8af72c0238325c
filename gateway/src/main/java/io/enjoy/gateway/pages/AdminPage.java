package io.enjoy.gateway.pages;

import static io.enjoy.gateway.http.Html.escape;

import io.enjoy.conf.bus.ServerKey;
import io.enjoy.gateway.auth.HubSession;
import io.enjoy.gateway.auth.LoginRequired;
import io.enjoy.gateway.auth.Xsrf;
import io.enjoy.gateway.http.Audit;
import io.enjoy.gateway.http.PageLayout;
import io.enjoy.gateway.http.ShownError;
import io.enjoy.gateway.servers.ServerNames;
import io.enjoy.gateway.servers.ServerView;
import io.enjoy.gateway.state.HubServices;
import io.enjoy.gateway.state.Refusal;
import io.enjoy.gateway.state.UserQuery;
import io.enjoy.gateway.state.Visibility;
import io.vertx.core.Future;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * {@code /hub/admin}, for admins: users with search (name prefix, as JupyterHub's
 * {@code name_filter}) and paging, start/stop of each server, grant/revoke admin, delete, add
 * users; groups with their members and instructors ({@link AdminGroupsSection}). Every change is a POST form with the XSRF token and answers 303 back to the
 * page; a refused change shows the reason on the error page. DOM ids for tests:
 * {@code #user-search}, {@code table#users}, {@code #new-users}, {@code button#add-users},
 * {@code #new-group}, {@code button#create-group}, {@code a#next-page}.
 */
final class AdminPage {
  static final int PAGE_SIZE = 50;

  private final PageLayout layout;
  private final HubServices hub;
  private final AdminGroupsSection groups;

  AdminPage(PageLayout layout, HubServices hub) {
    this.layout = layout;
    this.hub = hub;
    this.groups = new AdminGroupsSection(hub.groups());
  }

  void mount(Router router) {
    router.route("/hub/admin*").handler(LoginRequired::handle).handler(this::adminsOnly);
    router.get("/hub/admin").handler(this::show);
    router.post("/hub/admin/users").handler(this::addUsers);
    router.post("/hub/admin/users/delete").handler(rc -> act(rc, "user.delete", user -> hub.servers().serversOf(List.of(user))
        .compose(all -> Future.all(all.get(user).stream().filter(s -> !s.stopped())
            .map(s -> hub.servers().stop(new ServerKey(user, s.name()), "user deleted on the admin page")).toList()))
        .compose(v -> hub.directory().delete(user)).mapEmpty()));
    router.post("/hub/admin/users/admin").handler(rc -> act(rc, "user.admin", user -> {
      boolean grant = "grant".equals(Forms.field(rc, "admin"));
      if (!grant && user.equals(HubSession.userName(rc))) {
        // the last admin could otherwise lock everyone out of this page
        return Future.failedFuture(new Refusal(400, "You cannot take your own admin flag; ask another admin."));
      }
      return hub.directory().setAdmin(user, grant).mapEmpty();
    }));
    router.post("/hub/admin/servers/start").handler(rc -> act(rc, "server.start", user -> {
      hub.servers().start(serverKey(rc, user));
      return Future.succeededFuture();
    }));
    router.post("/hub/admin/servers/stop").handler(rc -> act(rc, "server.stop", user -> {
      hub.servers().stop(serverKey(rc, user), "stopped by " + HubSession.userName(rc) + " on the admin page");
      return Future.succeededFuture();
    }));
    groups.mount(router, this::back);
  }

  /** The admin flag is read from the database on each request, so a demoted admin loses the page at once. */
  private void adminsOnly(RoutingContext rc) {
    hub.users().find(HubSession.userName(rc)).onFailure(rc::fail).onSuccess(user -> {
      if (user.isPresent() && user.get().admin()) {
        rc.next();
      } else {
        rc.fail(new ShownError(403, "The admin page is for administrators only."));
      }
    });
  }

  private static ServerKey serverKey(RoutingContext rc, String user) {
    String server = Forms.field(rc, "server");
    if (!server.isEmpty() && ServerNames.problem(server).isPresent()) {
      throw new IllegalArgumentException(ServerNames.problem(server).get());
    }
    return new ServerKey(user, server);
  }

  /** Runs a change on the user named in the form, audits it, and goes back to the page (or shows why not). */
  private void act(RoutingContext rc, String action, java.util.function.Function<String, Future<Void>> change) {
    String user = Forms.field(rc, "user");
    Future<Void> done;
    try {
      done = user.isEmpty() ? Future.failedFuture(new Refusal(400, "No user given.")) : change.apply(user);
    } catch (IllegalArgumentException e) {
      done = Future.failedFuture(new Refusal(400, e.getMessage()));
    }
    done.onSuccess(v -> {
      Audit.event(action, HubSession.userName(rc), user, "done");
      back(rc);
    }).onFailure(e -> failed(rc, e));
  }

  static void failed(RoutingContext rc, Throwable e) {
    rc.fail(e instanceof Refusal r ? new ShownError(r.httpStatus(), r.getMessage()) : e);
  }

  private void back(RoutingContext rc) {
    Forms.redirect(rc, 303, "/hub/admin");
  }

  private void addUsers(RoutingContext rc) {
    // one name per line (or comma-separated): a name may contain spaces, so they do not separate names
    List<String> names = Arrays.stream(Forms.field(rc, "usernames").split("[\\r\\n,]+")).map(String::strip)
        .filter(n -> !n.isEmpty()).distinct().toList();
    boolean admin = "on".equals(Forms.field(rc, "admin"));
    if (names.isEmpty()) {
      rc.fail(new ShownError(400, "Enter at least one user name."));
      return;
    }
    hub.directory().create(names, admin).onFailure(e -> failed(rc, e)).onSuccess(created -> {
      created.forEach(u -> Audit.event("user.create", HubSession.userName(rc), u.name(), admin ? "admin" : "user"));
      back(rc);
    });
  }

  private void show(RoutingContext rc) {
    String query = rc.request().getParam("q", "").trim();
    int offset;
    try {
      offset = Math.max(0, Integer.parseInt(rc.request().getParam("offset", "0")));
    } catch (NumberFormatException e) {
      offset = 0;
    }
    int from = offset;
    String xsrf = Xsrf.token(rc);
    hub.directory().page(new UserQuery(query, null, List.of(Visibility.ALL), offset, PAGE_SIZE))
        .compose(page -> hub.servers().serversOf(page.items().stream().map(u -> u.name()).toList())
            .compose(servers -> groups.render(xsrf).map(groupHtml -> {
              StringBuilder body = new StringBuilder();
              search(body, query);
              body.append("<section aria-labelledby=\"users-heading\">\n<h2 id=\"users-heading\">Users</h2>\n")
                  .append("<p id=\"user-count\">").append(page.total()).append(page.total() == 1 ? " user" : " users")
                  .append(query.isEmpty() ? "" : " whose name starts with “" + escape(query) + "”").append(".</p>\n");
              usersTable(body, page.items(), servers, xsrf);
              pager(body, query, from, page.total());
              body.append("</section>\n");
              addUsersForm(body, xsrf);
              body.append(groupHtml);
              return body.toString();
            })))
        .onFailure(rc::fail)
        .onSuccess(body -> layout.send(rc.response(), 200, "Administration", HubSession.userName(rc), xsrf, body, 0));
  }

  private static void search(StringBuilder body, String query) {
    body.append("<form method=\"get\" action=\"/hub/admin\" role=\"search\"><label for=\"user-search\">Search users by name</label> ")
        .append("<input id=\"user-search\" name=\"q\" type=\"search\" value=\"").append(escape(query)).append("\"> ")
        .append("<button type=\"submit\" id=\"search-users\">Search</button></form>\n");
  }

  private static void usersTable(StringBuilder body, List<io.enjoy.gateway.state.UserRecord> users, Map<String, List<ServerView>> servers,
      String xsrf) {
    body.append("<table id=\"users\"><caption class=\"muted\">Users, their servers and actions</caption>\n<thead><tr>")
        .append("<th scope=\"col\">Name</th><th scope=\"col\">Admin</th><th scope=\"col\">Servers</th>")
        .append("<th scope=\"col\">Last activity</th><th scope=\"col\">Delete</th></tr></thead>\n<tbody>\n");
    for (var user : users) {
      String name = user.name();
      body.append("<tr><th scope=\"row\">").append(escape(name)).append("</th><td>").append(user.admin() ? "yes " : "no ")
          .append(user.admin()
              ? Forms.button("/hub/admin/users/admin", xsrf, null, "Revoke admin", "Revoke admin of " + name, Forms.fields("user", name, "admin", "revoke"))
              : Forms.button("/hub/admin/users/admin", xsrf, null, "Make admin", "Make " + name + " an admin", Forms.fields("user", name, "admin", "grant")))
          .append("</td><td>");
      body.append(ServerButtons.cell("/hub/admin/servers", name, servers.getOrDefault(name, List.of()), xsrf, server -> true, server -> true));
      body.append("</td><td>").append(escape(Forms.text(user.lastActivity()))).append("</td><td>")
          .append(Forms.button("/hub/admin/users/delete", xsrf, null, "Delete", "Delete user " + name, Forms.fields("user", name)))
          .append("</td></tr>\n");
    }
    body.append("</tbody></table>\n");
  }

  private static void pager(StringBuilder body, String query, int offset, long total) {
    String q = query.isEmpty() ? "" : "&q=" + URLEncoder.encode(query, StandardCharsets.UTF_8);
    body.append("<nav aria-label=\"User list pages\"><p>");
    if (offset > 0) {
      body.append("<a id=\"previous-page\" href=\"/hub/admin?offset=").append(Math.max(0, offset - PAGE_SIZE)).append(escape(q)).append("\">Previous page</a> ");
    }
    body.append("<span>Users ").append(total == 0 ? 0 : offset + 1).append("–").append(Math.min(total, offset + PAGE_SIZE)).append(" of ").append(total).append("</span>");
    if (offset + PAGE_SIZE < total) {
      body.append(" <a id=\"next-page\" href=\"/hub/admin?offset=").append(offset + PAGE_SIZE).append(escape(q)).append("\">Next page</a>");
    }
    body.append("</p></nav>\n");
  }

  private static void addUsersForm(StringBuilder body, String xsrf) {
    body.append("<section aria-labelledby=\"add-users-heading\">\n<h2 id=\"add-users-heading\">Add users</h2>\n")
        .append("<form method=\"post\" action=\"/hub/admin/users\">").append(Forms.xsrfField(xsrf))
        .append("<p><label for=\"new-users\">User names, one per line</label><br><textarea id=\"new-users\" name=\"usernames\" rows=\"4\" cols=\"40\"></textarea></p>")
        .append("<p><input type=\"checkbox\" id=\"new-users-admin\" name=\"admin\"> <label for=\"new-users-admin\">Make them admins</label></p>")
        .append("<p><button type=\"submit\" id=\"add-users\">Add users</button></p></form>\n</section>\n");
  }
}
