package io.enjoy.gateway.http;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.StaticHandler;

/**
 * The hub's stylesheet and scripts at {@code /hub/static/}. Mounted on the hub host and on every
 * user host: error pages shown on a user host link them, and their CSP ({@code style-src 'self'})
 * refuses the same file from the hub's origin.
 */
public final class HubStaticFiles {
  private HubStaticFiles() {}

  public static void mount(Router router) {
    router.route("/hub/static/*").handler(StaticHandler.create("io/enjoy/gateway/static").setCachingEnabled(true));
  }
}
