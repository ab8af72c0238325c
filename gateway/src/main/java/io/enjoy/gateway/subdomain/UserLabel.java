package io.enjoy.gateway.subdomain;

import io.enjoy.gateway.state.SafeNames;

/**
 * The DNS label of a user's host in subdomain mode ({@code <label>.<user_domain>}): the user's
 * {@link SafeNames#forUser safe name} made a valid label. Pure, stable and injective, because the
 * host is the browser's security boundary between users: two users sharing a label would share an
 * origin and its cookies (T19).
 *
 * <p>A safe name already uses only {@code a-z 0-9 -} and has at most {@value SafeNames#MAX_LENGTH}
 * characters; what can still make it an invalid label is a hyphen at its start or end
 * ({@code Alice → -41-lice}, {@code bob. → bob-2e-}). Rules:
 * <ol>
 *   <li>a safe name that starts and ends with a letter or digit is the label as it is
 *       ({@code alice}, {@code a-2d-b});</li>
 *   <li>any other becomes {@code u} + safe name + {@code --w} ({@code -41-lice → u-41-lice--w}).</li>
 * </ol>
 * Labels of rule 1 never end in {@code --w}: short safe names contain no {@code --} at all and
 * long ones end in a hex digit (after {@code --h}). So the two rules never meet, and each is
 * injective on its own, which makes the whole mapping injective. The {@code --} of rule 2 is never
 * at positions 3–4, so no label looks like an IDNA {@code xn--} label; the longest label is
 * {@value #MAX_LENGTH} characters, within DNS's 63.
 */
public final class UserLabel {
  static final String WRAP_START = "u";
  static final String WRAP_END = "--w";
  public static final int MAX_LENGTH = SafeNames.MAX_LENGTH + 4;

  private UserLabel() {}

  /** The label for this user name (the name as the identity provider gives it). */
  public static String of(String userName) {
    String safe = SafeNames.forUser(userName);
    return startsAndEndsAlphanumeric(safe) ? safe : WRAP_START + safe + WRAP_END;
  }

  /** True when {@code label} is a syntactically valid DNS label (1–63 of {@code a-z 0-9 -}, no hyphen at either end). */
  public static boolean isValidDnsLabel(String label) {
    return label != null && label.length() <= 63 && label.matches("[a-z0-9]([a-z0-9-]*[a-z0-9])?");
  }

  private static boolean startsAndEndsAlphanumeric(String safe) {
    return !safe.isEmpty() && safe.charAt(0) != '-' && safe.charAt(safe.length() - 1) != '-';
  }
}
