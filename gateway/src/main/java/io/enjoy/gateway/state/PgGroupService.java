package io.enjoy.gateway.state;

import io.vertx.core.Future;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/** {@link GroupService} on PostgreSQL; each change runs in one transaction. */
public final class PgGroupService implements GroupService {
  private static final String GROUP_SELECT = """
      SELECT g.name,
             ARRAY(SELECT u.name FROM group_members m JOIN users u ON u.id = m.user_id WHERE m.group_id = g.id ORDER BY u.name) AS members,
             ARRAY(SELECT u.name FROM group_instructors i JOIN users u ON u.id = i.user_id WHERE i.group_id = g.id ORDER BY u.name) AS instructors
      FROM groups g""";

  private final Pool pool;

  public PgGroupService(Pool pool) {
    this.pool = pool;
  }

  @Override
  public Future<Page<GroupRecord>> list(List<Visibility> visibility, int offset, int limit) {
    Tuple params = Tuple.tuple();
    String where = Visibility.allOf(visibility, params, false);
    Tuple countParams = Tuple.tuple();
    Visibility.allOf(visibility, countParams, false);
    params.addValue(offset).addValue(limit);
    return pool.preparedQuery("SELECT count(*) AS n FROM groups g WHERE " + where).execute(countParams)
        .compose(count -> pool.preparedQuery(GROUP_SELECT + " WHERE " + where + " ORDER BY g.name OFFSET $" + (params.size() - 1)
                + " LIMIT $" + params.size()).execute(params)
            .map(rows -> {
              List<GroupRecord> groups = new ArrayList<>();
              rows.forEach(row -> groups.add(group(row)));
              return new Page<>(groups, count.iterator().next().getLong("n"));
            }));
  }

  @Override
  public Future<Optional<GroupRecord>> find(String name) {
    return find(pool, name);
  }

  private static Future<Optional<GroupRecord>> find(io.vertx.sqlclient.SqlClient client, String name) {
    return client.preparedQuery(GROUP_SELECT + " WHERE g.name = $1").execute(Tuple.of(name))
        .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(group(rows.iterator().next())));
  }

  @Override
  public Future<GroupRecord> create(String name, List<String> users) {
    String problem = nameProblem(name);
    if (problem != null) {
      return Future.failedFuture(new Refusal(400, problem));
    }
    return pool.withTransaction(conn -> conn.preparedQuery("INSERT INTO groups (name) VALUES ($1)").execute(Tuple.of(name))
            .recover(e -> Future.failedFuture(e instanceof PgException pg && "23505".equals(pg.getSqlState())
                ? new Refusal(409, "Group " + name + " already exists") : e))
            .compose(v -> link(conn, "group_members", name, users, true)))
        .compose(v -> existing(name));
  }

  /** Why a group name is unusable, or null: same rules as user names (one URL segment, one log line). */
  static String nameProblem(String name) {
    return UserNames.problem(name).map(p -> p.replace("user name", "group name")).orElse(null);
  }

  @Override
  public Future<Boolean> delete(String name) {
    return pool.preparedQuery("DELETE FROM groups WHERE name = $1").execute(Tuple.of(name)).map(rows -> rows.rowCount() == 1);
  }

  @Override
  public Future<GroupRecord> addMembers(String group, List<String> users) {
    return change("group_members", group, users, true);
  }

  @Override
  public Future<GroupRecord> removeMembers(String group, List<String> users) {
    return change("group_members", group, users, false);
  }

  @Override
  public Future<GroupRecord> addInstructors(String group, List<String> users) {
    return change("group_instructors", group, users, true);
  }

  @Override
  public Future<GroupRecord> removeInstructors(String group, List<String> users) {
    return change("group_instructors", group, users, false);
  }

  private Future<GroupRecord> change(String table, String group, List<String> users, boolean add) {
    return pool.withTransaction(conn -> find(conn, group).compose(found -> found.isEmpty()
            ? Future.failedFuture(new Refusal(404, "No such group: " + group))
            : link(conn, table, group, users, add)))
        .compose(v -> existing(group));
  }

  /** Adds or removes the users in {@code table} for the group; refuses (rolling back) if any user is unknown. */
  private static Future<Void> link(SqlConnection conn, String table, String group, List<String> users, boolean add) {
    if (users.isEmpty()) {
      return Future.succeededFuture();
    }
    String[] names = users.toArray(String[]::new);
    return conn.preparedQuery("SELECT name FROM users WHERE name = ANY($1)").execute(Tuple.tuple().addArrayOfString(names))
        .compose(rows -> {
          TreeSet<String> unknown = new TreeSet<>(users);
          rows.forEach(row -> unknown.remove(row.getString("name")));
          if (!unknown.isEmpty()) {
            return Future.failedFuture(new Refusal(400, "No such users: " + String.join(", ", unknown)));
          }
          String sql = add
              ? "INSERT INTO " + table + " (group_id, user_id) SELECT g.id, u.id FROM groups g, users u"
                  + " WHERE g.name = $1 AND u.name = ANY($2) ON CONFLICT DO NOTHING"
              : "DELETE FROM " + table + " t USING groups g, users u"
                  + " WHERE t.group_id = g.id AND t.user_id = u.id AND g.name = $1 AND u.name = ANY($2)";
          return conn.preparedQuery(sql).execute(Tuple.of(group).addArrayOfString(names)).mapEmpty();
        });
  }

  private Future<GroupRecord> existing(String name) {
    return find(name).map(Optional::orElseThrow);
  }

  @Override
  public Future<Map<String, List<String>>> groupsOf(Collection<String> users) {
    return namesByUser("group_members", users);
  }

  @Override
  public Future<Map<String, List<String>>> instructorOf(Collection<String> users) {
    return namesByUser("group_instructors", users);
  }

  @Override
  public Future<List<String>> instructs(String user) {
    return instructorOf(List.of(user)).map(byUser -> byUser.get(user));
  }

  /** For each user, the names of the groups {@code table} links them to. */
  private Future<Map<String, List<String>>> namesByUser(String table, Collection<String> users) {
    Map<String, List<String>> result = new LinkedHashMap<>();
    users.forEach(u -> result.put(u, new ArrayList<>()));
    if (users.isEmpty()) {
      return Future.succeededFuture(result);
    }
    return pool.preparedQuery("SELECT u.name AS user_name, g.name AS group_name FROM " + table + " m"
            + " JOIN users u ON u.id = m.user_id JOIN groups g ON g.id = m.group_id WHERE u.name = ANY($1) ORDER BY g.name")
        .execute(Tuple.tuple().addArrayOfString(users.toArray(String[]::new)))
        .map(rows -> {
          rows.forEach(row -> result.computeIfAbsent(row.getString("user_name"), k -> new ArrayList<>()).add(row.getString("group_name")));
          return result;
        });
  }

  private static GroupRecord group(Row row) {
    return new GroupRecord(row.getString("name"), Arrays.asList(row.getArrayOfStrings("members")),
        Arrays.asList(row.getArrayOfStrings("instructors")));
  }
}
