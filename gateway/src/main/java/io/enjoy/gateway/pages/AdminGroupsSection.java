package io.enjoy.gateway.pages;

import static io.enjoy.gateway.http.Html.escape;

import io.enjoy.gateway.auth.HubSession;
import io.enjoy.gateway.http.Audit;
import io.enjoy.gateway.http.ShownError;
import io.enjoy.gateway.state.GroupRecord;
import io.enjoy.gateway.state.GroupService;
import io.enjoy.gateway.state.Visibility;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.List;

/** The groups part of the admin page: create a group, add and remove members. Mounted behind the admin check. */
final class AdminGroupsSection {
  static final int MAX_GROUPS_SHOWN = 200;

  private final GroupService groups;

  AdminGroupsSection(GroupService groups) {
    this.groups = groups;
  }

  void mount(Router router, Handler<RoutingContext> back) {
    router.post("/hub/admin/groups").handler(rc -> change(rc, back, "group.create", group -> groups.create(group, List.of())));
    router.post("/hub/admin/groups/members").handler(rc -> change(rc, back, "group.add",
        group -> groups.addMembers(group, List.of(Forms.field(rc, "user")))));
    router.post("/hub/admin/groups/members/remove").handler(rc -> change(rc, back, "group.remove",
        group -> groups.removeMembers(group, List.of(Forms.field(rc, "user")))));
  }

  private void change(RoutingContext rc, Handler<RoutingContext> back, String action, java.util.function.Function<String, Future<GroupRecord>> op) {
    String group = Forms.field(rc, "group");
    if (group.isEmpty() || (!action.equals("group.create") && Forms.field(rc, "user").isEmpty())) {
      rc.fail(new ShownError(400, "Enter a group name" + (action.equals("group.create") ? "." : " and a user name.")));
      return;
    }
    op.apply(group).onFailure(e -> AdminPage.failed(rc, e)).onSuccess(g -> {
      Audit.event(action, HubSession.userName(rc), group + (action.equals("group.create") ? "" : " " + Forms.field(rc, "user")), "done");
      back.handle(rc);
    });
  }

  Future<String> render(String xsrf) {
    return groups.list(List.of(Visibility.ALL), 0, MAX_GROUPS_SHOWN).map(page -> {
      StringBuilder body = new StringBuilder("<section aria-labelledby=\"groups-heading\">\n<h2 id=\"groups-heading\">Groups</h2>\n");
      if (page.items().isEmpty()) {
        body.append("<p id=\"no-groups\">No groups yet.</p>\n");
      }
      for (GroupRecord group : page.items()) {
        String id = "group-" + group.name().replaceAll("[^A-Za-z0-9_-]", "_");
        body.append("<section aria-labelledby=\"").append(escape(id)).append("\"><h3 id=\"").append(escape(id)).append("\">")
            .append(escape(group.name())).append("</h3>\n<ul>");
        for (String member : group.users()) {
          body.append("<li>").append(escape(member)).append(" ").append(Forms.button("/hub/admin/groups/members/remove", xsrf, null, "Remove",
              "Remove " + member + " from " + group.name(), Forms.fields("group", group.name(), "user", member))).append("</li>");
        }
        body.append("</ul>\n<form method=\"post\" action=\"/hub/admin/groups/members\">").append(Forms.xsrfField(xsrf))
            .append("<input type=\"hidden\" name=\"group\" value=\"").append(escape(group.name())).append("\">")
            .append("<label for=\"add-").append(escape(id)).append("\">Add user to ").append(escape(group.name())).append("</label> ")
            .append("<input id=\"add-").append(escape(id)).append("\" name=\"user\"> <button type=\"submit\">Add</button></form>\n</section>\n");
      }
      body.append("<form method=\"post\" action=\"/hub/admin/groups\">").append(Forms.xsrfField(xsrf))
          .append("<label for=\"new-group\">New group name</label> <input id=\"new-group\" name=\"group\"> ")
          .append("<button type=\"submit\" id=\"create-group\">Create group</button></form>\n</section>\n");
      return body.toString();
    });
  }
}
