package dev.platform.genai.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.JsonEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** GENAI_LOG_FORMAT=json: one JSON object per line (logback's JsonEncoder), for log pipelines. */
final class Logging {
  private Logging() {}

  /**
   * For commands whose output is a report: only warnings and errors from the libraries underneath.
   */
  static void quiet() {
    if (LoggerFactory.getILoggerFactory() instanceof LoggerContext ctx) {
      ctx.getLogger("io.javaoperatorsdk").setLevel(Level.WARN);
      ctx.getLogger("dev.platform.genai").setLevel(Level.WARN);
    }
  }

  static void configure(String format) {
    if (!"json".equals(format)
        || !(LoggerFactory.getILoggerFactory() instanceof LoggerContext ctx)) {
      return;
    }
    JsonEncoder encoder = new JsonEncoder();
    encoder.setContext(ctx);
    encoder.start();
    ConsoleAppender<ILoggingEvent> appender = new ConsoleAppender<>();
    appender.setContext(ctx);
    appender.setName("JSON");
    appender.setEncoder(encoder);
    appender.setTarget("System.err");
    appender.start();
    var root = ctx.getLogger(Logger.ROOT_LOGGER_NAME);
    root.detachAndStopAllAppenders();
    root.addAppender(appender);
  }
}
