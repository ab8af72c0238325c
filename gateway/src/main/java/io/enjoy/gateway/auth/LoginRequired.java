package io.enjoy.gateway.auth;

import io.enjoy.gateway.http.ErrorPages;
import io.enjoy.gateway.http.ShownError;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** Lets logged-in sessions through; sends browsers to the login page and answers API clients 403. */
public final class LoginRequired {
  private LoginRequired() {}

  public static void handle(RoutingContext rc) {
    if (HubSession.userName(rc) != null) {
      rc.next();
      return;
    }
    if (rc.request().method() == HttpMethod.GET && !ErrorPages.wantsJson(rc.request())) {
      String next = NextUrl.validate(rc.request().uri()).orElse("/hub/home");
      rc.response().setStatusCode(302)
          .putHeader("Location", "/hub/login?next=" + URLEncoder.encode(next, StandardCharsets.UTF_8))
          .putHeader("Cache-Control", "no-store")
          .end();
      return;
    }
    rc.fail(new ShownError(403, "Not logged in: log in at /hub/login first."));
  }
}
