package io.enjoy.gateway.http;

import io.enjoy.gateway.auth.HubSession;
import io.enjoy.gateway.servers.ServerStateException;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.HttpException;
import java.security.SecureRandom;
import java.util.HexFormat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The router's failure handler: every error leaves as a short page (or JSON for API clients) with
 * a correlation id that also appears in the log line, never with a stack trace, SQL or path.
 * Only {@link ShownError}s and the hub's {@link ServerStateException}s (written for users) show
 * their own message.
 */
public final class ErrorPages {
  private static final Logger LOG = LoggerFactory.getLogger(ErrorPages.class);
  private static final SecureRandom RANDOM = new SecureRandom();

  private final PageLayout layout;

  public ErrorPages(PageLayout layout) {
    this.layout = layout;
  }

  public void handle(RoutingContext rc) {
    handle(rc, statusOf(rc, rc.failure()));
  }

  /** For the router's error handlers, which know the status but may carry an unrelated failure. */
  public void handle(RoutingContext rc, int status) {
    Throwable failure = rc.failure();
    String id = correlationId();
    HttpServerRequest request = rc.request();
    if (status >= 500) {
      LOG.error("[{}] {} {} {} failed", id, status, request.method(), request.path(), failure);
    } else {
      LOG.info("[{}] {} {} {}: {}", id, status, request.method(), request.path(),
          failure == null ? "-" : failure.getMessage());
    }
    HttpServerResponse response = rc.response();
    if (response.headWritten()) {
      response.reset();
      return;
    }
    String message = failure instanceof ShownError || failure instanceof ServerStateException
        ? failure.getMessage() : genericMessage(status);
    if (status == 401 || status == 403) {
      // every refusal is an audit event (T40), with the reason the user was given
      Audit.event("refused", HubSession.userName(rc), request.path(), status + " [" + id + "] " + message);
    }
    if (wantsJson(request)) {
      SecurityHeaders.apply(response);
      response.setStatusCode(status)
          .putHeader("Content-Type", "application/json")
          .end(new JsonObject().put("status", status).put("message", message).put("correlation_id", id).encode());
    } else {
      String body = "<p id=\"error-message\">" + Html.escape(message) + "</p>\n"
          + "<p class=\"muted\">Reference: <code id=\"correlation-id\">" + id + "</code></p>\n"
          + "<p><a href=\"/hub/home\">Back to the hub</a></p>";
      layout.send(response, status, status + " " + reason(status), null, body);
    }
  }

  /** API paths, WebSocket upgrades and clients that ask for JSON get JSON errors. */
  public static boolean wantsJson(HttpServerRequest request) {
    String accept = request.getHeader("Accept");
    return request.path().contains("/api/")
        || request.getHeader("Upgrade") != null
        || (accept != null && accept.contains("application/json") && !accept.contains("text/html"));
  }

  /** A short random id that ties an error answer to its log line. */
  public static String correlationId() {
    byte[] bytes = new byte[6];
    RANDOM.nextBytes(bytes);
    return HexFormat.of().formatHex(bytes);
  }

  private static int statusOf(RoutingContext rc, Throwable failure) {
    if (failure instanceof ShownError shown) {
      return shown.status();
    }
    if (failure instanceof ServerStateException refused) {
      return refused.kind().httpStatus;
    }
    if (failure instanceof HttpException http) {
      return http.getStatusCode();
    }
    int status = rc.statusCode();
    return status >= 400 ? status : 500;
  }

  private static String genericMessage(int status) {
    return switch (status) {
      case 400 -> "The request was not valid.";
      case 401 -> "Please log in.";
      case 403 -> "You are not allowed to do this, or the form was out of date (XSRF check). Reload the page and try again.";
      case 404 -> "There is nothing here.";
      case 405 -> "This method is not allowed here.";
      case 413 -> "The request is too large.";
      default -> status >= 500 ? "Something went wrong on the hub. Please try again; if it persists, "
          + "tell the course staff the reference below." : "The request could not be handled.";
    };
  }

  static String reason(int status) {
    return switch (status) {
      case 400 -> "Bad request";
      case 401 -> "Unauthorized";
      case 403 -> "Forbidden";
      case 404 -> "Not found";
      case 405 -> "Method not allowed";
      case 413 -> "Too large";
      case 424 -> "Server not running";
      case 502 -> "Bad gateway";
      case 503 -> "Service unavailable";
      default -> status >= 500 ? "Server error" : "Error";
    };
  }
}
