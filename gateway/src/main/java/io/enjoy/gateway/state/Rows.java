package io.enjoy.gateway.state;

import io.vertx.sqlclient.Row;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

/** Mapping between PostgreSQL rows/parameters and the hub's records. */
public final class Rows {
  private Rows() {}

  /** Columns: id, name, safe_name, uid, admin, created, last_activity. */
  public static final String USER_COLUMNS = "u.id, u.name, u.safe_name, u.uid, u.admin, u.created, u.last_activity";

  /** Column {@code instructs}: the groups the user with id {@code userId} is instructor of, by name. */
  static String instructsColumn(String userId) {
    return groupNames("group_instructors", userId) + " AS instructs";
  }

  /** Column {@code groups}: the groups the user with id {@code userId} is a member of, by name. */
  static String groupsColumn(String userId) {
    return groupNames("group_members", userId) + " AS groups";
  }

  private static String groupNames(String links, String userId) {
    return "ARRAY(SELECT g.name FROM " + links + " l JOIN groups g ON g.id = l.group_id WHERE l.user_id = " + userId
        + " ORDER BY g.name)";
  }

  static List<String> instructs(Row row) {
    return strings(row, "instructs");
  }

  static List<String> groups(Row row) {
    return strings(row, "groups");
  }

  private static List<String> strings(Row row, String column) {
    String[] values = row.getArrayOfStrings(column);
    return values == null ? List.of() : List.of(values);
  }

  public static UserRecord user(Row row) {
    return new UserRecord(
        row.getLong("id"),
        row.getString("name"),
        row.getString("safe_name"),
        row.getInteger("uid"),
        row.getBoolean("admin"),
        instant(row, "created"),
        instant(row, "last_activity"));
  }

  public static Instant instant(Row row, String column) {
    OffsetDateTime value = row.getOffsetDateTime(column);
    return value == null ? null : value.toInstant();
  }

  public static OffsetDateTime param(Instant instant) {
    return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
  }
}
