package io.enjoy.gateway.testing;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads the hub's embedded PostgreSQL directly (its port is remembered under data_dir), to check what is stored. */
public final class TestDb {
  private TestDb() {}

  public static Future<Row> firstRow(Vertx vertx, Path dataDir, String sql) {
    Pool pool = pool(vertx, dataDir);
    return pool.query(sql).execute()
        .map(rows -> rows.iterator().hasNext() ? rows.iterator().next() : null)
        .eventually(pool::close);
  }

  public static Future<Void> update(Vertx vertx, Path dataDir, String sql) {
    Pool pool = pool(vertx, dataDir);
    return pool.query(sql).execute().<Void>mapEmpty().eventually(pool::close);
  }

  private static Pool pool(Vertx vertx, Path dataDir) {
    int port;
    try {
      port = Integer.parseInt(Files.readString(dataDir.resolve("postgres").resolve("port")).trim());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return PgBuilder.pool()
        .connectingTo(new PgConnectOptions().setHost("127.0.0.1").setPort(port).setDatabase("postgres").setUser("postgres"))
        .using(vertx)
        .build();
  }
}
