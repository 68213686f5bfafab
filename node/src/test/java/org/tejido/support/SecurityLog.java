package org.tejido.support;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import org.slf4j.LoggerFactory;

/** The security events the application logs while a test runs (lines starting with {@code SECURITY}). */
public final class SecurityLog implements AutoCloseable {
    private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

    private SecurityLog() {
        appender.start();
        root.addAppender(appender);
    }

    public static SecurityLog capture() {
        return new SecurityLog();
    }

    public List<String> events() {
        synchronized (appender.list) {
            return appender.list.stream()
                    .map(ILoggingEvent::getFormattedMessage)
                    .filter(m -> m.startsWith("SECURITY"))
                    .toList();
        }
    }

    /** Every line logged while capturing, security events or not. */
    public List<String> lines() {
        synchronized (appender.list) {
            return appender.list.stream()
                    .map(ILoggingEvent::getFormattedMessage)
                    .toList();
        }
    }

    @Override
    public void close() {
        root.detachAppender(appender);
        appender.stop();
    }
}
