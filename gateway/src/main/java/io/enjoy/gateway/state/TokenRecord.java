package io.enjoy.gateway.state;

import java.time.Instant;
import java.util.List;

/**
 * An API token as stored (never the token itself).
 *
 * @param id           database id; JupyterHub shows it as {@code "a" + id}
 * @param user         owner's name
 * @param serverName   non-null for a server's own token
 * @param scopes       requested scopes; empty = inherit the owner's
 * @param note         what the owner wrote when creating it
 * @param prefix       its first characters, to recognise it
 * @param created      creation time
 * @param expires      expiry, null = never
 * @param lastActivity last use (updated at most every few minutes), null = never used
 */
public record TokenRecord(long id, String user, String serverName, List<String> scopes, String note, String prefix,
    Instant created, Instant expires, Instant lastActivity) {

  /** JupyterHub's public token id. */
  public String publicId() {
    return "a" + id;
  }
}
