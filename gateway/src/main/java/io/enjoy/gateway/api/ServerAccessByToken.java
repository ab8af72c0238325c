package io.enjoy.gateway.api;

import io.enjoy.conf.bus.ServerKey;
import io.enjoy.gateway.state.TokenService;
import io.vertx.core.Future;
import java.util.List;
import java.util.Optional;

/**
 * Lets an API token open its owner's own server through the proxy, as JupyterHub does for
 * scripts and tools ({@code Authorization: token …} on {@code /user/<name>/…}): the token must
 * hold {@code access:servers} for that server (a user's token inherits it; a narrowed token or a
 * server's own token must name it). Another user's server is never opened with a token, admins
 * included, exactly as with the session cookie: a student's files stay theirs.
 */
public final class ServerAccessByToken {
  private final TokenService tokens;

  public ServerAccessByToken(TokenService tokens) {
    this.tokens = tokens;
  }

  /** The token owner's name when the {@code Authorization} header's token may open {@code server}; empty otherwise. */
  public Future<Optional<String>> owner(String authorization, ServerKey server) {
    String token = authorization == null ? null : ApiAuth.tokenFrom(authorization);
    if (token == null) {
      return Future.succeededFuture(Optional.empty());
    }
    return tokens.authenticate(token).map(found -> found.map(ApiAuth::callerFor)
        .filter(caller -> caller.user().name().equals(server.user()))
        .filter(caller -> caller.allows("access:servers", Target.server(server.user(), List.of(), server.server())))
        .map(caller -> caller.user().name()));
  }
}
