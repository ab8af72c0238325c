package io.enjoy.gateway.state;

import io.vertx.sqlclient.Tuple;
import java.util.List;

/**
 * Which users (or groups) a filtered scope lets a caller see in a list: all of them, or those
 * named plus the members of the groups named. Several visibilities apply together (a token's
 * own scopes and its owner's): a row must pass every one.
 */
public record Visibility(boolean all, List<String> users, List<String> groups) {
  public static final Visibility ALL = new Visibility(true, List.of(), List.of());

  public Visibility {
    users = List.copyOf(users);
    groups = List.copyOf(groups);
  }

  /** SQL condition on users {@code u}; appends its parameters to {@code params}. */
  String userCondition(Tuple params) {
    if (all) {
      return "TRUE";
    }
    params.addArrayOfString(users.toArray(String[]::new));
    int byName = params.size();
    params.addArrayOfString(groups.toArray(String[]::new));
    int byGroup = params.size();
    return "(u.name = ANY($" + byName + ") OR EXISTS (SELECT 1 FROM group_members m JOIN groups g ON g.id = m.group_id"
        + " WHERE m.user_id = u.id AND g.name = ANY($" + byGroup + ")))";
  }

  /** SQL condition on groups {@code g}: a filtered caller sees only the groups named. */
  String groupCondition(Tuple params) {
    if (all) {
      return "TRUE";
    }
    params.addArrayOfString(groups.toArray(String[]::new));
    return "g.name = ANY($" + params.size() + ")";
  }

  static String allOf(List<Visibility> visibilities, Tuple params, boolean forUsers) {
    StringBuilder where = new StringBuilder("TRUE");
    for (Visibility v : visibilities) {
      where.append(" AND ").append(forUsers ? v.userCondition(params) : v.groupCondition(params));
    }
    return where.toString();
  }
}
