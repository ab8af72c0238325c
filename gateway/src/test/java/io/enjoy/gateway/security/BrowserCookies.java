package io.enjoy.gateway.security;

import io.vertx.ext.web.client.WebClientSession;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

/** The Cookie header a browser with this session's cookie jar would send to a path of the gateway. */
final class BrowserCookies {
  private BrowserCookies() {}

  static String header(WebClientSession browser, String path) {
    return StreamSupport.stream(browser.cookieStore().get(true, "localhost", path).spliterator(), false)
        .map(c -> c.name() + "=" + c.value())
        .collect(Collectors.joining("; "));
  }

  /** Only the named cookie's {@code name=value}, or "" when the jar has none. */
  static String only(WebClientSession browser, String path, String name) {
    return StreamSupport.stream(browser.cookieStore().get(true, "localhost", path).spliterator(), false)
        .filter(c -> c.name().equals(name))
        .map(c -> c.name() + "=" + c.value())
        .findFirst().orElse("");
  }
}
