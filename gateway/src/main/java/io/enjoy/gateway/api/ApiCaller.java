package io.enjoy.gateway.api;

import io.enjoy.conf.bus.ServerKey;
import io.enjoy.gateway.state.UserRecord;
import io.enjoy.gateway.state.Visibility;
import java.util.ArrayList;
import java.util.List;

/**
 * Who is calling the API and what they may do. A token's rights are its own scopes
 * intersected with its owner's rights <em>now</em> (so a token never outgrows its owner, and
 * loses what the owner loses); a token without scopes, or the browser session, has exactly the
 * owner's rights.
 *
 * @param user      the acting user
 * @param server    non-null for a server token: it may report activity for that server only
 * @param owner     the owner's grants (roles); for a server token the {@code server} role only
 * @param token     the token's own scopes, or null when it inherits the owner's
 * @param instructs groups the user is instructor of
 */
record ApiCaller(UserRecord user, ServerKey server, Grants owner, Grants token, List<String> instructs) {

  static ApiCaller forUser(UserRecord user, List<String> instructs, Grants token) {
    return new ApiCaller(user, null, Roles.forUser(user, instructs), token, instructs);
  }

  static ApiCaller forServer(UserRecord user, ServerKey server) {
    return new ApiCaller(user, server, Roles.forServer(server), null, List.of());
  }

  boolean allows(String scope, Target target) {
    return owner.allows(scope, target) && (token == null || token.allows(scope, target));
  }

  boolean allowsEverywhere(String scope) {
    return owner.allowsEverywhere(scope) && (token == null || token.allowsEverywhere(scope));
  }

  /** Full admin: may change admin flags and see spawner state. */
  boolean admin() {
    return allowsEverywhere("admin:users");
  }

  boolean needsGroupsOfTargets() {
    return owner.hasGroupFilters() || (token != null && token.hasGroupFilters());
  }

  /** What a list under {@code scope} may show: every visibility must pass. */
  List<Visibility> visibility(String scope, boolean forGroups) {
    List<Visibility> all = new ArrayList<>(List.of(owner.visibility(scope, forGroups)));
    if (token != null) {
      all.add(token.visibility(scope, forGroups));
    }
    return all;
  }

  /** Could this caller hand out {@code wanted}? Only what it holds itself (through owner and token). */
  boolean covers(Scope wanted, List<String> wantedUserGroups) {
    return owner.covers(wanted, wantedUserGroups) && (token == null || token.covers(wanted, wantedUserGroups));
  }

  /**
   * The scopes in effect, as whoami lists them: a token's own scopes that its owner holds. One
   * the owner holds only through a group (an instructor's {@code servers!user=<member>}) is
   * left out here, though it works while the member stays in the group: under-reporting, never over.
   */
  List<String> scopes() {
    if (token == null) {
      return owner.names();
    }
    return token.scopes().stream().filter(s -> owner.covers(s, List.of())).map(Scope::toString).toList();
  }

  List<String> roles() {
    return server != null ? List.of("server") : Roles.names(user, instructs);
  }

  String describe() {
    if (server != null) {
      return "server token of " + server;
    }
    return user.name() + (token != null ? " (token with limited scopes)" : admin() ? " (admin)" : "");
  }
}
