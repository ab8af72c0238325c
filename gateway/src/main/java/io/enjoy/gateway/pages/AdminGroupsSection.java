package io.enjoy.gateway.pages;

import static io.enjoy.gateway.http.Html.escape;

import io.enjoy.gateway.auth.HubSession;
import io.enjoy.gateway.http.Audit;
import io.enjoy.gateway.http.ShownError;
import io.enjoy.gateway.state.GroupRecord;
import io.enjoy.gateway.state.GroupService;
import io.enjoy.gateway.state.Refusal;
import io.enjoy.gateway.state.Visibility;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.function.BiFunction;

/**
 * The groups part of the admin page: create and delete a group, add and remove members, grant and
 * take the group's instructor role. Mounted behind the admin check; every change is a POST form
 * with the XSRF token. DOM ids for tests: {@code #new-group}, {@code button#create-group},
 * {@code #add-group-<g>} / {@code #add-instructor-group-<g>} (the add fields of group g).
 */
final class AdminGroupsSection {
  static final int MAX_GROUPS_SHOWN = 200;

  private final GroupService groups;

  AdminGroupsSection(GroupService groups) {
    this.groups = groups;
  }

  void mount(Router router, Handler<RoutingContext> back) {
    router.post("/hub/admin/groups").handler(rc -> change(rc, back, "group.create", false, (group, user) -> groups.create(group, List.of())));
    router.post("/hub/admin/groups/delete").handler(rc -> change(rc, back, "group.delete", false, (group, user) -> groups.delete(group)
        .compose(deleted -> deleted ? Future.succeededFuture() : Future.failedFuture(new Refusal(404, "No such group: " + group)))));
    router.post("/hub/admin/groups/members").handler(rc -> change(rc, back, "group.add", true,
        (group, user) -> groups.addMembers(group, List.of(user))));
    router.post("/hub/admin/groups/members/remove").handler(rc -> change(rc, back, "group.remove", true,
        (group, user) -> groups.removeMembers(group, List.of(user))));
    router.post("/hub/admin/groups/instructors").handler(rc -> change(rc, back, "group.instructor.grant", true,
        (group, user) -> groups.addInstructors(group, List.of(user))));
    router.post("/hub/admin/groups/instructors/remove").handler(rc -> change(rc, back, "group.instructor.revoke", true,
        (group, user) -> groups.removeInstructors(group, List.of(user))));
  }

  /** Runs one change named by the form's {@code group} (and {@code user}, when {@code withUser}), audits it, and goes back. */
  private static void change(RoutingContext rc, Handler<RoutingContext> back, String action, boolean withUser,
      BiFunction<String, String, Future<?>> op) {
    String group = Forms.field(rc, "group");
    String user = Forms.field(rc, "user");
    if (group.isEmpty() || (withUser && user.isEmpty())) {
      rc.fail(new ShownError(400, "Enter a group name" + (withUser ? " and a user name." : ".")));
      return;
    }
    op.apply(group, user).onFailure(e -> AdminPage.failed(rc, e)).onSuccess(g -> {
      Audit.event(action, HubSession.userName(rc), group + (withUser ? " " + user : ""), "done");
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
        group(body, group, xsrf);
      }
      body.append("<form method=\"post\" action=\"/hub/admin/groups\">").append(Forms.xsrfField(xsrf))
          .append("<label for=\"new-group\">New group name</label> <input id=\"new-group\" name=\"group\"> ")
          .append("<button type=\"submit\" id=\"create-group\">Create group</button></form>\n</section>\n");
      return body.toString();
    });
  }

  private static void group(StringBuilder body, GroupRecord group, String xsrf) {
    String name = group.name();
    String id = "group-" + name.replaceAll("[^A-Za-z0-9_-]", "_");
    body.append("<section aria-labelledby=\"").append(escape(id)).append("\"><h3 id=\"").append(escape(id)).append("\">")
        .append(escape(name)).append("</h3>\n")
        .append(Forms.button("/hub/admin/groups/delete", xsrf, null, "Delete group", "Delete group " + name, Forms.fields("group", name)));
    people(body, "Members", group.users(), "/hub/admin/groups/members/remove", "Remove", member -> "Remove " + member + " from " + name, name, xsrf);
    addForm(body, "/hub/admin/groups/members", "add-" + id, "Add user to " + name, "Add", name, xsrf);
    people(body, "Instructors", group.instructors(), "/hub/admin/groups/instructors/remove", "Take instructor role",
        instructor -> "Take the instructor role of " + name + " from " + instructor, name, xsrf);
    addForm(body, "/hub/admin/groups/instructors", "add-instructor-" + id, "Make a user instructor of " + name, "Make instructor", name, xsrf);
    body.append("</section>\n");
  }

  private static void people(StringBuilder body, String heading, List<String> names, String removeAction, String removeLabel,
      java.util.function.Function<String, String> removeAriaLabel, String group, String xsrf) {
    body.append("<h4>").append(heading).append("</h4>\n");
    if (names.isEmpty()) {
      body.append("<p class=\"muted\">None.</p>\n");
      return;
    }
    body.append("<ul>");
    for (String person : names) {
      body.append("<li>").append(escape(person)).append(" ")
          .append(Forms.button(removeAction, xsrf, null, removeLabel, removeAriaLabel.apply(person), Forms.fields("group", group, "user", person)))
          .append("</li>");
    }
    body.append("</ul>\n");
  }

  private static void addForm(StringBuilder body, String action, String fieldId, String label, String button, String group, String xsrf) {
    body.append("<form method=\"post\" action=\"").append(action).append("\">").append(Forms.xsrfField(xsrf))
        .append("<input type=\"hidden\" name=\"group\" value=\"").append(escape(group)).append("\">")
        .append("<label for=\"").append(escape(fieldId)).append("\">").append(escape(label)).append("</label> ")
        .append("<input id=\"").append(escape(fieldId)).append("\" name=\"user\"> <button type=\"submit\">").append(escape(button))
        .append("</button></form>\n");
  }
}
