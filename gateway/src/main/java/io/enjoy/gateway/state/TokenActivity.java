package io.enjoy.gateway.state;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * When each API token was last used, gathered in memory and written for all tokens in one
 * statement by {@link #flush()}: the hub calls it periodically (with the proxied activity) and on
 * close, so a token's {@code last_activity} lags by at most one flush interval and a request
 * never waits for, or pays for, a write. JupyterHub also records token use only periodically.
 */
final class TokenActivity {
  private final Pool pool;
  private final Clock clock;
  private final Map<Long, Instant> pending = new ConcurrentHashMap<>();

  TokenActivity(Pool pool, Clock clock) {
    this.pool = pool;
    this.clock = clock;
  }

  void used(long tokenId) {
    pending.put(tokenId, clock.instant());
  }

  /** Writes the uses noted so far (moving each token's time forward only); a failed write keeps them for the next flush. */
  Future<Void> flush() {
    if (pending.isEmpty()) {
      return Future.succeededFuture();
    }
    Map<Long, Instant> batch = Map.copyOf(pending);
    batch.forEach(pending::remove); // only if unchanged: a use noted meanwhile stays for the next flush
    Long[] ids = batch.keySet().toArray(Long[]::new);
    OffsetDateTime[] times = new OffsetDateTime[ids.length];
    for (int i = 0; i < ids.length; i++) {
      times[i] = Rows.param(batch.get(ids[i]));
    }
    return pool.preparedQuery("""
            UPDATE api_tokens t SET last_activity = GREATEST(t.last_activity, v.at)
            FROM unnest($1::bigint[], $2::timestamptz[]) AS v(id, at) WHERE t.id = v.id""")
        .execute(Tuple.tuple().addArrayOfLong(ids).addArrayOfOffsetDateTime(times))
        .onFailure(e -> batch.forEach(pending::putIfAbsent))
        .mapEmpty();
  }
}
