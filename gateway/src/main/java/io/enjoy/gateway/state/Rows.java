package io.enjoy.gateway.state;

import io.vertx.sqlclient.Row;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/** Mapping between PostgreSQL rows/parameters and the hub's records. */
public final class Rows {
  private Rows() {}

  /** Columns: id, name, safe_name, uid, admin, created, last_activity. */
  public static final String USER_COLUMNS = "u.id, u.name, u.safe_name, u.uid, u.admin, u.created, u.last_activity";

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
