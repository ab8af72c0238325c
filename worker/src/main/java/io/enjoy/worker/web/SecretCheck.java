package io.enjoy.worker.web;

import io.enjoy.conf.worker.WorkerContract;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * Refuses every request (the readiness probe and WebSocket upgrades included) that does not carry
 * the per-server secret in {@link WorkerContract#SECRET_HEADER}. The gateway adds it; nothing
 * else can reach the worker with it. Constant-time comparison.
 */
final class SecretCheck implements Handler<RoutingContext> {
  private final byte[] secret;

  SecretCheck(String secret) {
    this.secret = secret.getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public void handle(RoutingContext ctx) {
    String given = ctx.request().getHeader(WorkerContract.SECRET_HEADER);
    if (given != null && MessageDigest.isEqual(secret, given.getBytes(StandardCharsets.UTF_8))) {
      ctx.next();
      return;
    }
    ctx.response().setStatusCode(403).putHeader("Content-Type", "text/plain; charset=utf-8")
        .end("Forbidden: this notebook server is reachable only through the hub.\n");
  }
}
