package io.enjoy.gateway.http;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;

/**
 * Brings an asynchronous result back to the event loop of the request that waits for it. The
 * gateway serves on several event loops; a database reply, or a re-check another listener's
 * request started, completes on its own loop, and a request continued there is handled on a
 * thread that does not own its connection (the proxy answered 503 that way).
 */
public final class OwnContext {
  private OwnContext() {}

  /** {@code future}, completing on the caller's context (as it is when already complete or outside Vert.x). */
  public static <T> Future<T> of(Future<T> future) {
    Context own = Vertx.currentContext();
    if (own == null || future.isComplete()) {
      return future;
    }
    Promise<T> back = Promise.promise();
    future.onComplete(result -> own.runOnContext(v -> back.handle(result)));
    return back.future();
  }
}
