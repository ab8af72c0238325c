package io.enjoy.gateway.state;

import java.util.Optional;

/**
 * Which identity-provider names the hub accepts as user names (H-16: a bad name gets a clear
 * 4xx at login, never a 500 later). Almost everything is accepted — e-mail addresses, capitals,
 * accents — because {@link SafeNames} maps any of them; refused are names that cannot be one
 * URL path segment or one log line.
 */
public final class UserNames {
  public static final int MAX_CODE_POINTS = 200;

  private UserNames() {}

  /** Empty when usable, else why not. */
  public static Optional<String> problem(String name) {
    if (name == null || name.isEmpty()) {
      return Optional.of("the user name is empty");
    }
    if (name.codePointCount(0, name.length()) > MAX_CODE_POINTS) {
      return Optional.of("the user name is longer than " + MAX_CODE_POINTS + " characters");
    }
    if (name.equals(".") || name.equals("..")) {
      return Optional.of("the user name is '" + name + "', which a URL path cannot hold (browsers resolve it)");
    }
    if (!name.strip().equals(name)) {
      return Optional.of("the user name starts or ends with white space");
    }
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (Character.isISOControl(c)) {
        return Optional.of("the user name contains a control character");
      }
      if (c == '/') {
        return Optional.of("the user name contains '/'");
      }
      if (Character.isHighSurrogate(c) && (i + 1 >= name.length() || !Character.isLowSurrogate(name.charAt(i + 1)))
          || Character.isLowSurrogate(c) && (i == 0 || !Character.isHighSurrogate(name.charAt(i - 1)))) {
        return Optional.of("the user name is not valid Unicode");
      }
    }
    return Optional.empty();
  }
}
