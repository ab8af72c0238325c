package io.enjoy.culler;

import io.enjoy.conf.EnjoyConfig;
import io.enjoy.conf.bus.Addresses;
import io.enjoy.conf.bus.RunningServers;
import io.enjoy.conf.schema.Durations;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every {@code culler.every}: asks the hub for its running servers, applies {@link IdlePolicy}
 * and asks the hub to stop each server the policy picks ({@link Addresses#HUB_SERVER_STOP}).
 * The hub stays the single writer of server state: the culler never talks to a spawner, so a
 * stop that fails leaves the server visible to the hub and the next pass asks again (H-18).
 *
 * <p>A pass that is still running when the timer fires again is not overlapped (the tick is
 * skipped); a failed or unanswered request is logged and the next pass starts as usual.
 */
public class CullerVerticle extends VerticleBase {
  private static final Logger LOG = LoggerFactory.getLogger(CullerVerticle.class);

  /** Stop requests in flight at once, so a mass cull does not hit the hub with hundreds at once. */
  public static final int MAX_CONCURRENT_STOPS = 4;

  /** What one pass did. {@code error} is null when the hub answered the list request. */
  public record PassResult(int running, int culled, int failed, String error) {}

  private final EnjoyConfig.Culler config;
  private final IdlePolicy policy;
  private final Clock clock;
  private final DeliveryOptions requestOptions;
  private long timerId = -1;
  private boolean passRunning;

  public CullerVerticle(EnjoyConfig.Culler config, Clock clock) {
    this(config, clock, Addresses.SHORT_TIMEOUT);
  }

  /** @param requestTimeout timeout of each event-bus request to the hub (tests shorten it) */
  public CullerVerticle(EnjoyConfig.Culler config, Clock clock, Duration requestTimeout) {
    this.config = config;
    this.policy = IdlePolicy.from(config);
    this.clock = clock;
    this.requestOptions = new DeliveryOptions().setSendTimeout(requestTimeout.toMillis());
  }

  @Override
  public Future<?> start() {
    if (!config.enabled()) {
      LOG.info("culler disabled (culler.enabled=false): no server is ever stopped for idleness");
      return Future.succeededFuture();
    }
    long every = Math.max(1, config.every().toMillis());
    timerId = vertx.setPeriodic(every, every, id -> tick());
    LOG.info("culler: every {}, stopping servers idle longer than {}{}", Durations.format(config.every()),
        Durations.format(config.timeout()),
        config.maxAge().isZero() ? "" : " or running longer than " + Durations.format(config.maxAge()));
    return Future.succeededFuture();
  }

  @Override
  public Future<?> stop() {
    if (timerId >= 0) {
      vertx.cancelTimer(timerId);
    }
    return Future.succeededFuture();
  }

  private void tick() {
    if (passRunning) {
      LOG.debug("previous culler pass still running; skipping this tick");
      return;
    }
    passRunning = true;
    pass().onComplete(done -> passRunning = false);
  }

  /** One pass: list, decide, stop. Never fails; problems are logged and reported in the result. */
  public Future<PassResult> pass() {
    return vertx.eventBus().<JsonObject>request(Addresses.HUB_SERVERS_RUNNING, new JsonObject(), requestOptions)
        .map(reply -> RunningServers.fromJson(reply.body()).servers())
        .compose(servers -> {
          List<CullDecision> decisions = policy.decide(clock.instant(), servers);
          return stopAll(decisions).map(stopped -> new PassResult(servers.size(), stopped, decisions.size() - stopped, null));
        })
        .recover(cause -> {
          LOG.warn("culler pass failed: cannot list running servers from the hub: {}", cause.getMessage());
          return Future.succeededFuture(new PassResult(0, 0, 0, String.valueOf(cause.getMessage())));
        });
  }

  /** Sends the stop requests through {@link #MAX_CONCURRENT_STOPS} lanes; succeeds with the number stopped. */
  private Future<Integer> stopAll(List<CullDecision> decisions) {
    Iterator<CullDecision> queue = decisions.iterator();
    List<Future<Integer>> lanes = new ArrayList<>();
    for (int i = 0; i < Math.min(MAX_CONCURRENT_STOPS, decisions.size()); i++) {
      lanes.add(lane(queue, 0));
    }
    return Future.all(lanes).map(all -> lanes.stream().mapToInt(Future::result).sum());
  }

  private Future<Integer> lane(Iterator<CullDecision> queue, int stoppedSoFar) {
    if (!queue.hasNext()) {
      return Future.succeededFuture(stoppedSoFar);
    }
    CullDecision decision = queue.next();
    LOG.info("culling {}: {}", decision.key(), decision.reason());
    return vertx.eventBus().request(Addresses.HUB_SERVER_STOP, decision.toRequest().toJson(), requestOptions)
        .transform(reply -> {
          if (reply.failed()) {
            LOG.warn("hub did not stop {} (will ask again next pass): {}", decision.key(), reply.cause().getMessage());
          }
          return lane(queue, stoppedSoFar + (reply.succeeded() ? 1 : 0));
        });
  }
}
