package io.enjoy.gateway.state;

import io.enjoy.conf.bus.ServerKey;
import io.vertx.core.Future;
import java.time.Duration;
import java.util.Optional;

/**
 * API tokens. Only a SHA-256 hash and a short prefix are stored; the plaintext is returned once
 * by {@code issue*} and never again.
 */
public interface TokenService {

  /**
   * A token acting as {@code user} (the user must exist). {@code expiresIn} null or zero = no expiry.
   * Returns the plaintext token.
   */
  Future<String> issue(String user, String note, Duration expiresIn);

  /** A token that may only act for one server (the worker's {@code JUPYTERHUB_API_TOKEN}). */
  Future<String> issueForServer(ServerKey server, String note);

  /** Looks a presented token up; empty for unknown, expired or malformed tokens. */
  Future<Optional<TokenOwner>> authenticate(String token);

  /** Deletes every token scoped to this server (called when it stops). */
  Future<Void> revokeServerTokens(ServerKey server);
}
