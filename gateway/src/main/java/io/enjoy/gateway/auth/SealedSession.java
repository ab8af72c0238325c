package io.enjoy.gateway.auth;

import io.vertx.core.buffer.Buffer;
import io.vertx.ext.auth.prng.VertxContextPRNG;
import io.vertx.ext.web.sstore.AbstractSession;
import java.nio.charset.StandardCharsets;

/**
 * A hub session whose whole state travels in the cookie, sealed by {@link SessionCookieStore}.
 * The plain layout is Vert.x's {@code CookieSession}'s (id, timeout, last write, version, data),
 * so cookies issued before the store was replaced stay valid. A session read from a cookie is
 * always a new object: what one request changes (a re-check's confirmation, a logout) never
 * shows in another request that sent the same cookie.
 */
final class SealedSession extends AbstractSession {
  private final SessionCookieStore store;
  /** Version and data checksum as read from the cookie: a change means the cookie must be written again. */
  private int oldVersion;
  private int oldCrc;

  /** A new, empty session. */
  SealedSession(SessionCookieStore store, VertxContextPRNG prng, long timeout, int idLength) {
    super(prng, timeout, idLength);
    this.store = store;
  }

  /** The session a cookie's opened (decrypted and authenticated) content describes. */
  SealedSession(SessionCookieStore store, VertxContextPRNG prng, Buffer plain) {
    super(prng);
    this.store = store;
    int idLength = plain.getInt(0);
    int pos = 4;
    setId(new String(plain.getBytes(pos, pos + idLength), StandardCharsets.UTF_8));
    pos += idLength;
    setTimeout(plain.getLong(pos));
    pos += 8;
    setLastAccessed(plain.getLong(pos));
    pos += 8;
    setVersion(plain.getInt(pos));
    pos += 4;
    readDataFromBuffer(pos, plain);
    oldVersion = version();
    oldCrc = crc();
  }

  /** The cookie value: this session's state, sealed. */
  @Override
  public String value() {
    byte[] id = id().getBytes(StandardCharsets.UTF_8);
    Buffer plain = Buffer.buffer()
        .appendInt(id.length).appendBytes(id)
        .appendLong(timeout())
        .appendLong(lastAccessed())
        .appendInt(version());
    writeDataToBuffer(plain);
    return store.seal(plain);
  }

  /** A changed id or changed data: the handler then writes the cookie again. */
  @Override
  public boolean isRegenerated() {
    return super.isRegenerated() || oldCrc != checksum();
  }

  int oldVersion() {
    return oldVersion;
  }
}
