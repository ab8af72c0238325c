package io.enjoy.gateway.servers;

import io.enjoy.conf.bus.Addresses;
import io.enjoy.conf.bus.CullRequest;
import io.enjoy.conf.bus.RunningServers;
import io.vertx.core.Future;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The hub's side of the culler contract: list running servers, stop one on request. */
final class HubBusConsumers {
  private static final Logger log = LoggerFactory.getLogger(HubBusConsumers.class);

  private final EventBus bus;
  private final ServerRepository repository;
  private final ServerViews views;
  private final ServerService servers;
  private List<MessageConsumer<JsonObject>> consumers = List.of();

  HubBusConsumers(EventBus bus, ServerRepository repository, ServerViews views, ServerService servers) {
    this.bus = bus;
    this.repository = repository;
    this.views = views;
    this.servers = servers;
  }

  void register() {
    MessageConsumer<JsonObject> running = bus.consumer(Addresses.HUB_SERVERS_RUNNING, message ->
        runningServers().onComplete(ar -> {
          if (ar.succeeded()) {
            message.reply(ar.result().toJson());
          } else {
            message.fail(500, "Cannot list running servers: " + ar.cause().getMessage());
          }
        }));
    MessageConsumer<JsonObject> stop = bus.consumer(Addresses.HUB_SERVER_STOP, message -> {
      CullRequest request = CullRequest.fromJson(message.body());
      log.info("Stop of {} requested over the event bus: {}", request.key(), request.reason());
      servers.stop(request.key(), request.reason()).onComplete(ar -> {
        if (ar.succeeded()) {
          message.reply(new JsonObject());
        } else {
          message.fail(500, "Stopping " + request.key() + " failed: " + ar.cause().getMessage());
        }
      });
    });
    consumers = List.of(running, stop);
  }

  /** lastActivity = newest of proxied traffic and worker reports; never earlier than the start. */
  Future<RunningServers> runningServers() {
    return repository.notStopped().map(rows -> new RunningServers(rows.stream().map(row -> {
      Instant started = row.started() != null ? row.started() : row.stateChanged();
      Instant activity = views.lastActivity(row);
      Instant last = activity == null ? started : InMemoryRouteTable.newer(activity, started);
      return new RunningServers.Entry(row.key(), started, last, row.pending());
    }).toList()));
  }

  Future<Void> unregister() {
    return Future.join(consumers.stream().map(MessageConsumer::unregister).toList()).mapEmpty();
  }
}
