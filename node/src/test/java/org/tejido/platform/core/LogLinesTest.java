package org.tejido.platform.core;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.PatternLayout;
import ch.qos.logback.classic.spi.LoggingEvent;
import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.springframework.boot.logging.logback.ExtendedWhitespaceThrowableProxyConverter;

/** The node's log pattern (application.properties): one event is one line, whatever its message holds. */
class LogLinesTest {
    @Test
    void aMessageCannotForgeALineOfItsOwn() throws IOException {
        PatternLayout layout = layout("logging.pattern.console");
        String typed = "x\nERROR forged line\r\u2028\u2029\u0085\u001b[31m\u0000end";

        String line = layout.doLayout(event("Refused: " + typed));

        assertThat(line).endsWith(System.lineSeparator());
        String body = line.substring(0, line.length() - System.lineSeparator().length());
        assertThat(body).doesNotContain("\n", "\r", "\u2028", "\u2029", "\u0085", "\u001b", "\u0000");
        assertThat(body).endsWith("Refused: x?ERROR forged line?????[31m?end");
    }

    @Test
    void theFilePatternIsTheSame() throws IOException {
        assertThat(properties().getProperty("logging.pattern.file")).isEqualTo("${logging.pattern.console}");
    }

    private static PatternLayout layout(String property) throws IOException {
        PatternLayout layout = new PatternLayout();
        layout.setContext(new LoggerContext());
        layout.getInstanceConverterMap().put("wEx", ExtendedWhitespaceThrowableProxyConverter::new);
        layout.setPattern(properties().getProperty(property));
        layout.start();
        return layout;
    }

    private static Properties properties() throws IOException {
        Properties properties = new Properties();
        try (InputStream in = LogLinesTest.class.getResourceAsStream("/application.properties")) {
            properties.load(in);
        }
        return properties;
    }

    private static LoggingEvent event(String message) {
        LoggerContext context = new LoggerContext();
        LoggingEvent event = new LoggingEvent();
        event.setLoggerContext(context);
        event.setLoggerName("org.tejido.test");
        event.setLevel(Level.WARN);
        event.setMessage(message);
        event.setThreadName("main");
        event.setTimeStamp(System.currentTimeMillis());
        return event;
    }
}
