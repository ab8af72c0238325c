package io.enjoy.gateway.security;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.slf4j.LoggerFactory;

/** What the gateway logged while an action ran. */
final class LogCapture {
  private LogCapture() {}

  /** The audit events ({@code io.enjoy.audit}, one JSON object per line). */
  static List<JsonObject> audit(Runnable action) {
    return events("io.enjoy.audit", action).stream().map(e -> new JsonObject(e.getFormattedMessage())).toList();
  }

  /** Every line any logger wrote: the formatted message followed by its stack trace, if any. */
  static List<String> everything(Runnable action) {
    return events(org.slf4j.Logger.ROOT_LOGGER_NAME, action).stream()
        .map(e -> e.getFormattedMessage() + (e.getThrowableProxy() == null ? "" : ThrowableProxyUtil.asString(e.getThrowableProxy())))
        .toList();
  }

  private static List<ILoggingEvent> events(String loggerName, Runnable action) {
    Logger logger = (Logger) LoggerFactory.getLogger(loggerName);
    ListAppender<ILoggingEvent> appender = new ListAppender<>();
    appender.start();
    logger.addAppender(appender);
    try {
      action.run();
    } finally {
      logger.detachAppender(appender);
    }
    return appender.list;
  }
}
