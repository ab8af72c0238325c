package io.enjoy.spawner;

import io.enjoy.conf.worker.WorkerContract;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * Asks a worker {@code GET <prefix>api/status} with its secret header, as the gateway would.
 * Non-blocking (Vert.x HTTP client); safe to call from an event loop.
 */
public final class ReadinessProbe {
  private static final long RETRY_DELAY_MS = 200;
  private static final long ATTEMPT_TIMEOUT_MS = 2_000;

  private final Vertx vertx;
  private final HttpClient client;

  public ReadinessProbe(Vertx vertx) {
    this.vertx = vertx;
    this.client = vertx.httpClientBuilder()
        .with(new HttpClientOptions().setKeepAlive(false).setConnectTimeout((int) ATTEMPT_TIMEOUT_MS))
        // Docker's port proxy accepts the probe's connection as soon as the container runs and
        // resets it while the worker inside is not listening yet; that reset is the attempt's
        // answer ("not ready yet"), which the failed request below already carries. Without a
        // handler of its own the connection would report it a second time, as an unhandled
        // ERROR "Connection reset" in the hub's log on every server start.
        .withConnectHandler(connection -> connection.exceptionHandler(resetWhileStarting -> { }))
        .build();
  }

  /** Where a worker answers: host, port, service prefix and the secret its probe needs. */
  public record Target(String host, int port, String prefix, String secret) {
    public String url() {
      return "http://" + host + ":" + port + WorkerEnv.normalisePrefix(prefix) + WorkerContract.STATUS_PATH;
    }
  }

  /** One attempt: completes with {@code null} on 200, else with what happened instead (never fails). */
  public Future<String> probeOnce(Target target) {
    RequestOptions options = new RequestOptions()
        .setMethod(HttpMethod.GET)
        .setHost(target.host())
        .setPort(target.port())
        .setURI(WorkerEnv.normalisePrefix(target.prefix()) + WorkerContract.STATUS_PATH)
        .setTimeout(ATTEMPT_TIMEOUT_MS);
    if (target.secret() != null) {
      options.putHeader(WorkerContract.SECRET_HEADER, target.secret());
    }
    return client.request(options)
        .compose(req -> req.send())
        .compose(resp -> resp.body().map(body -> resp.statusCode() == 200
            ? (String) null
            : "HTTP " + resp.statusCode() + " " + abbreviate(body.toString())))
        .recover(err -> Future.succeededFuture("no answer (" + SpawnFailure.messageOf(err) + ")"));
  }

  /**
   * Probes until the worker answers 200 or {@code deadlineNanos} (System.nanoTime) passes.
   * Before every attempt, and once more at the deadline, {@code deathCheck} says whether the
   * server has already died (its future holds the reason, or null while alive): a dead server
   * fails the wait at once with that reason instead of a timeout that hides it (H-12).
   */
  public Future<Void> awaitReady(Target target, long deadlineNanos, Duration budget, Supplier<Future<String>> deathCheck) {
    Promise<Void> done = Promise.promise();
    attempt(target, deadlineNanos, budget, deathCheck, "no attempt yet", done);
    return done.future();
  }

  private void attempt(Target target, long deadline, Duration budget, Supplier<Future<String>> deathCheck, String last, Promise<Void> done) {
    boolean expired = System.nanoTime() - deadline >= 0;
    deathCheck.get().onComplete(death -> {
      if (death.failed()) {
        done.fail(new SpawnFailure(SpawnFailure.FAILED, "could not check whether the server still runs: "
            + SpawnFailure.messageOf(death.cause()), death.cause()));
      } else if (death.result() != null) {
        done.fail(new SpawnFailure(SpawnFailure.FAILED, death.result()));
      } else if (expired) {
        done.fail(new SpawnFailure(SpawnFailure.TIMED_OUT, "the server did not answer GET " + target.url()
            + " with 200 within " + budget.toSeconds() + " s; last attempt: " + last));
      } else {
        probeOnce(target).onComplete(probe -> {
          if (probe.result() == null) {
            done.complete();
          } else {
            vertx.setTimer(RETRY_DELAY_MS, t -> attempt(target, deadline, budget, deathCheck, probe.result(), done));
          }
        });
      }
    });
  }

  public Future<Void> close() {
    return client.close();
  }

  private static String abbreviate(String s) {
    String oneLine = s.replaceAll("\\s+", " ").trim();
    return oneLine.length() > 200 ? oneLine.substring(0, 200) + "..." : oneLine;
  }
}
