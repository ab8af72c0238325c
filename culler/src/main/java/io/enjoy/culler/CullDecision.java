package io.enjoy.culler;

import io.enjoy.conf.bus.CullRequest;
import io.enjoy.conf.bus.ServerKey;

/** The policy's verdict for one server: stop it, and why (shown in the hub's log and admin page). */
public record CullDecision(ServerKey key, String reason) {

  public CullRequest toRequest() {
    return new CullRequest(key, reason);
  }
}
