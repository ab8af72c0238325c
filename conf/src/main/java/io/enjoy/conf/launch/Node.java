package io.enjoy.conf.launch;

import io.enjoy.conf.ConfigException;
import io.enjoy.conf.EnjoyConfig;
import io.vertx.core.Deployable;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running EnJoY node: a Vert.x instance with the roles its configuration lists, deployed in
 * that order. Closing a node undeploys its roles and closes Vert.x; roles must leave user
 * containers running when they stop (a hub restart must not disturb students).
 */
public final class Node {
  private static final Logger LOG = LoggerFactory.getLogger(Node.class);

  private final Vertx vertx;
  private final List<String> deployedRoles;

  private Node(Vertx vertx, List<String> deployedRoles) {
    this.vertx = vertx;
    this.deployedRoles = List.copyOf(deployedRoles);
  }

  /** Starts a node with the roles registered through {@link ServiceLoader}. */
  public static Future<Node> start(EnjoyConfig config) {
    return start(config, ServiceLoader.load(Role.class));
  }

  /**
   * Starts a node choosing roles from {@code available}. Fails with a {@link ConfigException}
   * on key {@code roles} before anything starts when a listed role is unknown or its verticle
   * cannot be configured, and with a {@link RoleStartException} when a role fails to start (the
   * roles started before it are stopped again and Vert.x is closed).
   */
  public static Future<Node> start(EnjoyConfig config, Iterable<Role> available) {
    List<Role> roles;
    List<Deployable> verticles = new ArrayList<>();
    try {
      roles = select(config.roles(), available);
    } catch (ConfigException e) {
      return Future.failedFuture(e);
    } catch (ServiceConfigurationError e) {
      // a jar registers a role class that cannot be loaded or instantiated
      return Future.failedFuture(new IllegalStateException("cannot load the registered roles: " + e.getMessage(), e));
    }
    // Every role is configured before anything starts, so a role that rejects the
    // configuration stops the node without half of it running.
    for (Role role : roles) {
      try {
        verticles.add(role.create(config));
      } catch (ConfigException e) {
        return Future.failedFuture(e);
      } catch (RuntimeException e) {
        return Future.failedFuture(new RoleStartException(role.name(), e));
      }
    }
    Vertx vertx = NodeVertx.create();
    List<String> deployed = new ArrayList<>();
    Future<Void> chain = Future.succeededFuture();
    for (int i = 0; i < roles.size(); i++) {
      Role role = roles.get(i);
      Deployable verticle = verticles.get(i);
      chain = chain.compose(v -> vertx.deployVerticle(verticle)
          .<String>recover(cause -> Future.failedFuture(new RoleStartException(role.name(), cause)))
          .onSuccess(id -> {
            deployed.add(role.name());
            LOG.info("role {} started", role.name());
          })
          .mapEmpty());
    }
    return chain
        .map(v -> new Node(vertx, deployed))
        .recover(cause -> vertx.close().transform(closed -> Future.failedFuture(cause)));
  }

  /**
   * The roles named in {@code names}, in that order.
   *
   * @throws ConfigException on key {@code roles} naming each unknown role and the available ones
   */
  public static List<Role> select(List<String> names, Iterable<Role> available) {
    Map<String, Role> byName = new TreeMap<>();
    available.forEach(r -> byName.putIfAbsent(r.name(), r));
    List<Role> selected = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    for (String name : names) {
      Role role = byName.get(name);
      if (role == null) {
        problems.add("roles: unknown role \"" + name + "\"; available on this node's classpath: "
            + (byName.isEmpty() ? "none" : String.join(", ", byName.keySet())));
      } else {
        selected.add(role);
      }
    }
    if (!problems.isEmpty()) {
      throw new ConfigException(null, problems);
    }
    return selected;
  }

  public Vertx vertx() {
    return vertx;
  }

  /** Names of the roles this node runs, in deployment order. */
  public List<String> roles() {
    return deployedRoles;
  }

  /** Stops every role (each leaves user containers running) and closes Vert.x. */
  public Future<Void> close() {
    return vertx.close().onSuccess(v -> LOG.info("node stopped"));
  }
}
