package io.enjoy.gateway.servers;

import io.enjoy.conf.bus.Addresses;
import io.enjoy.conf.bus.PollRequest;
import io.enjoy.conf.bus.PollResult;
import io.enjoy.conf.bus.SpawnRequest;
import io.enjoy.conf.bus.SpawnResult;
import io.enjoy.conf.bus.StopRequest;
import io.vertx.core.Future;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.JsonObject;
import java.time.Duration;

/** The hub's side of the spawner contract: event-bus requests, each with an explicit timeout. */
final class SpawnerClient {
  private final EventBus bus;
  private final Duration startTimeout;
  private final Duration shortTimeout;

  SpawnerClient(EventBus bus, Duration startTimeout, Duration shortTimeout) {
    this.bus = bus;
    this.startTimeout = startTimeout;
    this.shortTimeout = shortTimeout;
  }

  Future<SpawnResult> start(SpawnRequest request) {
    return request(Addresses.SPAWNER_START, request.toJson(), startTimeout).map(SpawnResult::fromJson);
  }

  Future<Void> stop(StopRequest request) {
    return request(Addresses.SPAWNER_STOP, request.toJson(), shortTimeout).mapEmpty();
  }

  Future<PollResult> poll(PollRequest request) {
    return request(Addresses.SPAWNER_POLL, request.toJson(), shortTimeout).map(PollResult::fromJson);
  }

  private Future<JsonObject> request(String address, JsonObject body, Duration timeout) {
    return bus.<JsonObject>request(address, body, new DeliveryOptions().setSendTimeout(timeout.toMillis()))
        .map(message -> message.body() == null ? new JsonObject() : message.body())
        .recover(e -> Future.failedFuture(new SpawnerException(describe(address, timeout, e), e)));
  }

  /** The spawner's own words when it failed the request; otherwise what went wrong on the bus. */
  private static String describe(String address, Duration timeout, Throwable e) {
    if (e instanceof ReplyException reply) {
      return switch (reply.failureType()) {
        case TIMEOUT -> "The spawner did not answer " + address + " within " + timeout.toSeconds() + " s";
        case NO_HANDLERS -> "No spawner is running (nothing handles " + address + ")";
        default -> reply.getMessage() == null ? "The spawner failed without a message" : reply.getMessage();
      };
    }
    return e.getMessage() == null ? e.toString() : e.getMessage();
  }

  /** A failed spawner request; {@link #timedOutOrUnanswered()} = the spawner may still be working on it. */
  static final class SpawnerException extends RuntimeException {
    SpawnerException(String message, Throwable cause) {
      super(message, cause);
    }

    boolean timedOutOrUnanswered() {
      return getCause() instanceof ReplyException reply
          && reply.failureType() != io.vertx.core.eventbus.ReplyFailure.RECIPIENT_FAILURE;
    }

    boolean noSpawner() {
      return getCause() instanceof ReplyException reply
          && reply.failureType() == io.vertx.core.eventbus.ReplyFailure.NO_HANDLERS;
    }
  }
}
