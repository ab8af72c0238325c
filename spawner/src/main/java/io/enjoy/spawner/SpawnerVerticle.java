package io.enjoy.spawner;

import io.enjoy.conf.bus.Addresses;
import io.enjoy.conf.bus.PollRequest;
import io.enjoy.conf.bus.SpawnProgress;
import io.enjoy.conf.bus.SpawnRequest;
import io.enjoy.conf.bus.StopRequest;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The spawner role on the event bus: {@link Addresses#SPAWNER_START}, {@code _STOP},
 * {@code _POLL} and {@link Addresses#SPAWNER_LIST} call the backend and reply with the records' JSON, or
 * fail the message with the real cause. Progress of a start is published on {@link SpawnProgress#address}.
 * Undeploying it (hub shutdown) leaves every user server running.
 */
public final class SpawnerVerticle extends VerticleBase {
  private static final Logger LOG = LoggerFactory.getLogger(SpawnerVerticle.class);

  private final Function<Vertx, Future<ServerBackend>> backendFactory;
  private ServerBackend backend;

  public SpawnerVerticle(Function<Vertx, Future<ServerBackend>> backendFactory) {
    this.backendFactory = backendFactory;
  }

  @Override
  public Future<?> start() {
    return backendFactory.apply(vertx).compose(chosen -> {
      backend = chosen;
      MessageConsumer<JsonObject> start = vertx.eventBus().consumer(Addresses.SPAWNER_START, this::onStart);
      MessageConsumer<JsonObject> stop = vertx.eventBus().consumer(Addresses.SPAWNER_STOP, this::onStop);
      MessageConsumer<JsonObject> poll = vertx.eventBus().consumer(Addresses.SPAWNER_POLL, this::onPoll);
      MessageConsumer<JsonObject> list = vertx.eventBus().consumer(Addresses.SPAWNER_LIST, this::onList);
      return Future.all(start.completion(), stop.completion(), poll.completion(), list.completion());
    });
  }

  @Override
  public Future<?> stop() {
    return backend == null ? Future.succeededFuture() : backend.close();
  }

  private void onStart(Message<JsonObject> msg) {
    SpawnRequest request;
    try {
      request = SpawnRequest.fromJson(msg.body());
    } catch (RuntimeException e) {
      msg.fail(SpawnFailure.BAD_REQUEST, "malformed spawn request: " + SpawnFailure.messageOf(e));
      return;
    }
    String progressAddress = SpawnProgress.address(request.key());
    ProgressSink progress = (percent, text) ->
        vertx.eventBus().publish(progressAddress, new SpawnProgress(percent, text, false).toJson());
    LOG.info("starting {} with {} on the {} backend", request.key(), request.image(), backend.name());
    backend.start(request, progress).onComplete(result -> {
      if (result.succeeded()) {
        LOG.info("{} is ready at {}:{} ({})", request.key(), result.result().host(), result.result().port(), result.result().containerId());
        msg.reply(result.result().toJson());
      } else {
        String cause = SpawnFailure.messageOf(result.cause());
        LOG.warn("starting {} failed: {}", request.key(), cause);
        vertx.eventBus().publish(progressAddress, new SpawnProgress(100, cause, true).toJson());
        msg.fail(SpawnFailure.codeOf(result.cause()), cause);
      }
    });
  }

  private void onStop(Message<JsonObject> msg) {
    StopRequest request;
    try {
      request = StopRequest.fromJson(msg.body());
    } catch (RuntimeException e) {
      msg.fail(SpawnFailure.BAD_REQUEST, "malformed stop request: " + SpawnFailure.messageOf(e));
      return;
    }
    LOG.info("stopping {} ({})", request.key(), request.containerId());
    backend.stop(request).onComplete(result -> {
      if (result.succeeded()) {
        msg.reply(new JsonObject());
      } else {
        LOG.warn("stopping {} failed: {}", request.key(), SpawnFailure.messageOf(result.cause()));
        msg.fail(SpawnFailure.codeOf(result.cause()), SpawnFailure.messageOf(result.cause()));
      }
    });
  }

  private void onList(Message<JsonObject> msg) {
    backend.list().onComplete(result -> {
      if (result.succeeded()) {
        msg.reply(result.result().toJson());
      } else {
        msg.fail(SpawnFailure.codeOf(result.cause()), SpawnFailure.messageOf(result.cause()));
      }
    });
  }

  private void onPoll(Message<JsonObject> msg) {
    PollRequest request;
    try {
      request = PollRequest.fromJson(msg.body());
    } catch (RuntimeException e) {
      msg.fail(SpawnFailure.BAD_REQUEST, "malformed poll request: " + SpawnFailure.messageOf(e));
      return;
    }
    backend.poll(request).onComplete(result -> {
      if (result.succeeded()) {
        msg.reply(result.result().toJson());
      } else {
        msg.fail(SpawnFailure.codeOf(result.cause()), SpawnFailure.messageOf(result.cause()));
      }
    });
  }
}
