package io.enjoy.gateway.testing;

import io.enjoy.conf.bus.Addresses;
import io.enjoy.conf.bus.PollRequest;
import io.enjoy.conf.bus.PollResult;
import io.enjoy.conf.bus.SpawnProgress;
import io.enjoy.conf.bus.SpawnRequest;
import io.enjoy.conf.bus.SpawnResult;
import io.enjoy.conf.bus.StopRequest;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The test plays the spawner (another module) on the real event bus: consumers on the real
 * spawner addresses, answering with the contract's records and remembering what it was asked.
 * "Containers" are ids in {@link #live}.
 */
public final class SpawnerDouble {
  public final List<SpawnRequest> starts = new CopyOnWriteArrayList<>();
  public final List<StopRequest> stops = new CopyOnWriteArrayList<>();
  public final List<PollRequest> polls = new CopyOnWriteArrayList<>();
  public final Set<String> live = ConcurrentHashMap.newKeySet();
  /** Non-null: every start fails with this message, as the real spawner reports a failure. */
  public volatile String failStartWith;
  /** Non-null: every stop fails with this message. */
  public volatile String failStopWith;
  /** Non-zero: started servers are at this port (a real HTTP server of the test), else a made-up one. */
  public volatile int workerPort;
  /** Milliseconds before a start answers. */
  public volatile long startDelayMillis;

  private final Vertx vertx;
  private final AtomicInteger counter = new AtomicInteger();
  private List<MessageConsumer<JsonObject>> consumers = List.of();

  public SpawnerDouble(Vertx vertx) {
    this.vertx = vertx;
  }

  public SpawnerDouble register() {
    MessageConsumer<JsonObject> start = vertx.eventBus().consumer(Addresses.SPAWNER_START, message -> {
      SpawnRequest request = SpawnRequest.fromJson(message.body());
      starts.add(request);
      vertx.setTimer(Math.max(1, startDelayMillis), id -> {
        if (failStartWith != null) {
          message.fail(500, failStartWith);
          return;
        }
        vertx.eventBus().publish(SpawnProgress.address(request.key()), new SpawnProgress(50, "Container created", false).toJson());
        int n = counter.incrementAndGet();
        String container = "container-" + n;
        live.add(container);
        message.reply(new SpawnResult("127.0.0.1", workerPort > 0 ? workerPort : 40000 + n, container, "test", "node-1").toJson());
      });
    });
    MessageConsumer<JsonObject> stop = vertx.eventBus().consumer(Addresses.SPAWNER_STOP, message -> {
      StopRequest request = StopRequest.fromJson(message.body());
      stops.add(request);
      if (failStopWith != null) {
        message.fail(500, failStopWith);
        return;
      }
      if (request.containerId() != null) {
        live.remove(request.containerId());
      }
      message.reply(new JsonObject());
    });
    MessageConsumer<JsonObject> poll = vertx.eventBus().consumer(Addresses.SPAWNER_POLL, message -> {
      PollRequest request = PollRequest.fromJson(message.body());
      polls.add(request);
      boolean alive = live.contains(request.containerId());
      message.reply(new PollResult(alive, alive, alive ? "" : "no such container").toJson());
    });
    consumers = List.of(start, stop, poll);
    return this;
  }

  public Future<Void> unregister() {
    return Future.join(consumers.stream().map(MessageConsumer::unregister).toList()).mapEmpty();
  }
}
