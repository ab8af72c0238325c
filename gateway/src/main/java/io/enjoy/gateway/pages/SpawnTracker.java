package io.enjoy.gateway.pages;

import io.enjoy.conf.bus.ServerKey;
import io.enjoy.conf.bus.SpawnProgress;
import io.enjoy.gateway.servers.ServerService;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts requested from the pages, and the newest progress event of each while it runs, so the
 * progress page can show "starting" from the first moment (before the hub has recorded the
 * pending state) and the spawner's latest message. Memory only; an entry lives as long as its start.
 */
public final class SpawnTracker {
  private static final Logger LOG = LoggerFactory.getLogger(SpawnTracker.class);

  private final Vertx vertx;
  private final ServerService servers;
  private final Map<ServerKey, InFlight> inFlight = new ConcurrentHashMap<>();

  public SpawnTracker(Vertx vertx, ServerService servers) {
    this.vertx = vertx;
    this.servers = servers;
  }

  /** One start at a time per server; a second request while one runs joins it. */
  public void start(ServerKey key) {
    InFlight entry = new InFlight();
    if (inFlight.putIfAbsent(key, entry) != null) {
      return;
    }
    MessageConsumer<JsonObject> consumer = vertx.eventBus().consumer(SpawnProgress.address(key));
    consumer.handler(message -> entry.latest = SpawnProgress.fromJson(message.body()));
    servers.start(key).onComplete(result -> {
      if (result.failed()) {
        LOG.info("start of {} from the pages failed: {}", key, result.cause().getMessage());
      }
      consumer.unregister();
      inFlight.remove(key, entry);
    });
  }

  public boolean starting(ServerKey key) {
    return inFlight.containsKey(key);
  }

  /** Names of {@code user}'s servers being started from the pages now (a new one may have no database row yet). */
  public java.util.List<String> startingServers(String user) {
    return inFlight.keySet().stream().filter(k -> k.user().equals(user)).map(ServerKey::server).sorted().toList();
  }

  /** The spawner's newest progress event for a start in flight. */
  public Optional<SpawnProgress> latest(ServerKey key) {
    InFlight entry = inFlight.get(key);
    return entry == null ? Optional.empty() : Optional.ofNullable(entry.latest);
  }

  private static final class InFlight {
    volatile SpawnProgress latest;
  }
}
