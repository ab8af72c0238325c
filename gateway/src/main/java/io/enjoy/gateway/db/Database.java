package io.enjoy.gateway.db;

import io.enjoy.conf.EnjoyConfig;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.net.NetClientOptions;
import io.vertx.pgclient.PgBuilder;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The hub's PostgreSQL: embedded ({@code database.embedded: true}, data under
 * {@code <data_dir>/postgres}) or external ({@code database.url}). Opening it applies the
 * schema migrations and then builds the reactive pool the services use.
 */
public final class Database {
  private static final Logger log = LoggerFactory.getLogger(Database.class);

  private final Vertx vertx;
  private final Pool pool;
  private final EmbeddedPostgresServer embedded;
  private final String display;

  private Database(Vertx vertx, Pool pool, EmbeddedPostgresServer embedded, String display) {
    this.vertx = vertx;
    this.pool = pool;
    this.embedded = embedded;
    this.display = display;
  }

  /**
   * Starts the embedded server or checks the external one, migrates, builds the pool. Fails
   * with {@link DatabaseUnavailableException} naming {@code database.url} (or the embedded data
   * directory) and the cause; nothing is left running then.
   */
  public static Future<Database> open(Vertx vertx, EnjoyConfig config) {
    EnjoyConfig.Database settings = config.database();
    return vertx.<Prepared>executeBlocking(() -> prepare(config, settings), false)
        .map(prepared -> {
          Pool pool = PgBuilder.pool()
              .with(new PoolOptions().setMaxSize(8))
              .with(new NetClientOptions().setConnectTimeout(10_000))
              .connectingTo(prepared.target.connectOptions())
              .using(vertx)
              .build();
          return new Database(vertx, pool, prepared.embedded, prepared.target.display());
        });
  }

  private record Prepared(DatabaseTarget target, EmbeddedPostgresServer embedded) {}

  private static Prepared prepare(EnjoyConfig config, EnjoyConfig.Database settings) {
    EmbeddedPostgresServer embedded = null;
    DatabaseTarget target;
    String setting;
    if (settings.embedded()) {
      setting = "the embedded database (database.embedded=true) under " + config.dataDir().resolve("postgres");
      try {
        embedded = EmbeddedPostgresServer.start(config.dataDir());
      } catch (Exception e) {
        throw new DatabaseUnavailableException("Cannot start " + setting + ": " + e.getMessage(), e);
      }
      target = DatabaseTarget.parse(embedded.url(), embedded.user(), "");
    } else {
      setting = "database.url=" + settings.url();
      try {
        target = DatabaseTarget.parse(settings.url(), settings.user(), settings.password());
      } catch (IllegalArgumentException e) {
        throw new DatabaseUnavailableException(e.getMessage(), e);
      }
    }
    try (Connection connection = DriverManager.getConnection(target.jdbcUrl(), target.jdbcProperties())) {
      List<Integer> applied = Migrations.apply(connection);
      log.info("Database {}: {}", target.display(), applied.isEmpty() ? "schema up to date" : "applied migrations " + applied);
      return new Prepared(target, embedded);
    } catch (SQLException | RuntimeException e) {
      closeQuietly(embedded);
      throw new DatabaseUnavailableException("Cannot use " + setting + ": " + rootMessage(e), e);
    }
  }

  public Pool pool() {
    return pool;
  }

  /** Where it is, without credentials. */
  public String display() {
    return display;
  }

  public Future<Void> close() {
    return pool.close().eventually(() -> embedded == null
        ? Future.succeededFuture()
        : vertx.executeBlocking(() -> {
          closeQuietly(embedded);
          return null;
        }, false));
  }

  private static void closeQuietly(EmbeddedPostgresServer embedded) {
    if (embedded == null) {
      return;
    }
    try {
      embedded.close();
    } catch (Exception e) {
      log.warn("Stopping the embedded PostgreSQL failed: {}", e.toString());
    }
  }

  private static String rootMessage(Throwable e) {
    String message = e.getMessage();
    Throwable cause = e.getCause();
    while (cause != null) {
      if (cause.getMessage() != null && (message == null || !message.contains(cause.getMessage()))) {
        message = (message == null ? "" : message + ": ") + cause.getMessage();
      }
      cause = cause.getCause();
    }
    return message == null ? e.getClass().getSimpleName() : message;
  }
}
