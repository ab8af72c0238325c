package io.enjoy.gateway.state;

import io.enjoy.conf.bus.ServerKey;
import io.vertx.core.Future;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * API tokens. Only a SHA-256 hash and a short prefix are stored; the plaintext is returned once
 * by {@code issue*} and never again. Scope checks (may the caller ask for these scopes?) are the
 * API's business; this stores what it is given.
 */
public interface TokenService {

  /** A newly created token: its record and the plaintext, which exists nowhere else. */
  record Issued(TokenRecord record, String token) {}

  /**
   * A token acting as {@code user} (the user must exist). {@code expiresIn} null or zero = no expiry.
   * Returns the plaintext token.
   */
  default Future<String> issue(String user, String note, Duration expiresIn) {
    return issue(user, note, expiresIn, List.of()).map(Issued::token);
  }

  /** As {@link #issue(String, String, Duration)} limited to {@code scopes} (empty = inherit the owner's). */
  Future<Issued> issue(String user, String note, Duration expiresIn, List<String> scopes);

  /** A token that may only act for one server (the worker's {@code JUPYTERHUB_API_TOKEN}). */
  Future<String> issueForServer(ServerKey server, String note);

  /** Looks a presented token up; empty for unknown, expired or malformed tokens. */
  Future<Optional<TokenOwner>> authenticate(String token);

  /** The user's unexpired tokens, newest first. */
  Future<List<TokenRecord>> list(String user);

  /** One of the user's unexpired tokens by database id. */
  Future<Optional<TokenRecord>> find(String user, long id);

  /** Deletes one of the user's tokens; false when there was none with that id. */
  Future<Boolean> revoke(String user, long id);

  /** Deletes every token scoped to this server (called when it stops). */
  Future<Void> revokeServerTokens(ServerKey server);
}
