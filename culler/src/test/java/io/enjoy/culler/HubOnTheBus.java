package io.enjoy.culler;

import io.enjoy.conf.bus.Addresses;
import io.enjoy.conf.bus.CullRequest;
import io.enjoy.conf.bus.RunningServers;
import io.enjoy.conf.bus.RunningServers.Entry;
import io.enjoy.conf.bus.ServerKey;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Stands in for the hub (which lives in the gateway module) on the real event bus: it answers
 * {@link Addresses#HUB_SERVERS_RUNNING} from a table of servers and handles
 * {@link Addresses#HUB_SERVER_STOP} like the hub does, marking the server pending stop. Tests
 * can make it fail, stay silent or answer slowly, and it counts requests in flight.
 */
final class HubOnTheBus {
  final Map<ServerKey, Entry> servers = new ConcurrentHashMap<>();
  final List<CullRequest> stopRequests = new CopyOnWriteArrayList<>();
  final AtomicInteger listRequests = new AtomicInteger();
  final AtomicInteger listsInFlight = new AtomicInteger();
  final AtomicInteger maxListsInFlight = new AtomicInteger();
  final AtomicInteger stopsInFlight = new AtomicInteger();
  final AtomicInteger maxStopsInFlight = new AtomicInteger();

  /** The next this-many list requests fail with an error reply. */
  final AtomicInteger listFailures = new AtomicInteger();
  /** The next this-many list requests are never answered (the culler's timeout fires). */
  final AtomicInteger listSilences = new AtomicInteger();
  /** The next this-many stop requests fail and leave the server running. */
  final AtomicInteger stopFailures = new AtomicInteger();
  volatile long listDelayMillis;
  volatile long stopDelayMillis;

  private final Vertx vertx;
  private MessageConsumer<JsonObject> listConsumer;
  private MessageConsumer<JsonObject> stopConsumer;

  HubOnTheBus(Vertx vertx) {
    this.vertx = vertx;
  }

  Future<Void> register() {
    listConsumer = vertx.eventBus().consumer(Addresses.HUB_SERVERS_RUNNING, this::list);
    stopConsumer = vertx.eventBus().consumer(Addresses.HUB_SERVER_STOP, this::stop);
    return Future.all(listConsumer.completion(), stopConsumer.completion()).mapEmpty();
  }

  void add(Entry entry) {
    servers.put(entry.key(), entry);
  }

  private void list(Message<JsonObject> message) {
    listRequests.incrementAndGet();
    if (listSilences.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
      return;
    }
    if (listFailures.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
      message.fail(500, "database unavailable");
      return;
    }
    maxListsInFlight.accumulateAndGet(listsInFlight.incrementAndGet(), Math::max);
    later(listDelayMillis, () -> {
      listsInFlight.decrementAndGet();
      message.reply(new RunningServers(List.copyOf(servers.values())).toJson());
    });
  }

  private void stop(Message<JsonObject> message) {
    CullRequest request = CullRequest.fromJson(message.body());
    stopRequests.add(request);
    maxStopsInFlight.accumulateAndGet(stopsInFlight.incrementAndGet(), Math::max);
    later(stopDelayMillis, () -> {
      stopsInFlight.decrementAndGet();
      if (stopFailures.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
        message.fail(500, "docker stop failed");
        return;
      }
      servers.computeIfPresent(request.key(), (k, e) -> new Entry(k, e.started(), e.lastActivity(), "stop"));
      message.reply(new JsonObject());
    });
  }

  private void later(long delayMillis, Runnable action) {
    if (delayMillis <= 0) {
      action.run();
    } else {
      vertx.setTimer(delayMillis, id -> action.run());
    }
  }

  long stopsFor(String user) {
    return stopRequests.stream().filter(r -> r.key().user().equals(user)).count();
  }
}
