package io.enjoy.gateway.auth;

import io.enjoy.conf.EnjoyConfig;
import io.enjoy.gateway.state.UserNames;
import java.util.List;
import java.util.Optional;

/**
 * Names the configuration admits that could never log in (e.g. {@code a/b}, which no URL path can
 * hold) are a typo or a misunderstanding; the hub refuses to start and names the key, instead of
 * a student finding out at the login page (H-23: allow configuration never silently differs from
 * what the hub does).
 */
public final class AllowListNames {
  private AllowListNames() {}

  /** Empty when every listed name is usable, else the first problem, naming the setting. */
  public static Optional<String> problem(EnjoyConfig.Auth auth) {
    return firstProblem("auth.allowed_users", auth.allowedUsers()).or(() -> firstProblem("auth.admin_users", auth.adminUsers()));
  }

  private static Optional<String> firstProblem(String key, List<String> names) {
    for (String name : names) {
      Optional<String> problem = UserNames.problem(name);
      if (problem.isPresent()) {
        return Optional.of(key + " lists '" + name + "', who could never log in: " + problem.get());
      }
    }
    return Optional.empty();
  }
}
