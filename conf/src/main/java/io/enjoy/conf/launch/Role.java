package io.enjoy.conf.launch;

import io.enjoy.conf.EnjoyConfig;
import io.vertx.core.Deployable;

/**
 * A service a node can run, named in {@code roles:} of the configuration. Modules register
 * their role with {@link java.util.ServiceLoader} ({@code META-INF/services/io.enjoy.conf.launch.Role}),
 * so the launcher in {@code conf} deploys gateway, spawner and culler without depending on them.
 */
public interface Role {
  /** The name used in {@code roles:}, e.g. {@code gateway}. */
  String name();

  /** A fresh verticle for this role, configured from the typed configuration. */
  Deployable create(EnjoyConfig config);
}
