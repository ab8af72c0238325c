package io.enjoy.worker.activity;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Posts the worker's last activity to the hub every interval, in JupyterHub's shape
 * ({@code POST JUPYTERHUB_ACTIVITY_URL}, {@code Authorization: token …},
 * {@code {"servers": {name: {"last_activity": ts}}, "last_activity": ts}}), when it is newer than
 * what was last posted. A failure is logged and retried next time; it never stops the worker.
 */
public final class ActivityReporter {
  private static final Logger LOG = LoggerFactory.getLogger(ActivityReporter.class);

  private final Vertx vertx;
  private final HttpClient client;
  private final String url;
  private final String token;
  private final String serverName;
  private final ActivityTracker tracker;
  private Instant lastPosted;
  private long timer = -1;

  public ActivityReporter(Vertx vertx, String url, String token, String serverName, ActivityTracker tracker) {
    this.vertx = vertx;
    this.client = vertx.createHttpClient();
    this.url = url;
    this.token = token;
    this.serverName = serverName;
    this.tracker = tracker;
  }

  public void start(Duration interval) {
    timer = vertx.setPeriodic(interval.toMillis(), interval.toMillis(), id -> reportIfNewer());
  }

  public void stop() {
    if (timer >= 0) {
      vertx.cancelTimer(timer);
    }
    client.close();
  }

  /** Posts now if there was activity since the last successful post; the future never fails. */
  public io.vertx.core.Future<Void> reportIfNewer() {
    Instant last = tracker.lastActivity();
    if (lastPosted != null && !last.isAfter(lastPosted)) {
      return io.vertx.core.Future.succeededFuture();
    }
    String ts = last.toString();
    JsonObject body = new JsonObject().put("last_activity", ts)
        .put("servers", new JsonObject().put(serverName, new JsonObject().put("last_activity", ts)));
    RequestOptions options = new RequestOptions().setMethod(HttpMethod.POST).setAbsoluteURI(url)
        .putHeader("Authorization", "token " + token).putHeader("Content-Type", "application/json")
        .setTimeout(TimeUnit.SECONDS.toMillis(10));
    return client.request(options)
        .compose(req -> req.send(body.toBuffer()))
        .compose(resp -> resp.body().map(b -> {
          if (resp.statusCode() / 100 != 2) {
            throw new IllegalStateException("hub answered " + resp.statusCode() + ": " + b.toString());
          }
          return b;
        }))
        .onSuccess(b -> lastPosted = last)
        .onFailure(e -> LOG.warn("activity report to {} failed (will retry): {}", url, e.getMessage()))
        .<Void>mapEmpty()
        .otherwiseEmpty();
  }
}
