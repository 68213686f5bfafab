package org.tejido.platform.core;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.sql.SQLException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.CannotCreateTransactionException;

class ScheduledTaskErrorsTest {
    private final Logger logger = (Logger) LoggerFactory.getLogger(ScheduledTaskErrors.class);
    private final ListAppender<ILoggingEvent> logged = new ListAppender<>();

    @BeforeEach
    void capture() {
        logged.start();
        logger.addAppender(logged);
    }

    @AfterEach
    void release() {
        logger.detachAppender(logged);
    }

    @Test
    void theDatabaseGoneIsOneWarningLineByCode() {
        new ScheduledTaskErrors()
                .handleError(new CannotCreateTransactionException(
                        "Could not open JDBC Connection", new SQLException("refused 10.0.0.7", "08001")));
        assertThat(logged.list).singleElement().satisfies(e -> {
            assertThat(e.getLevel()).isEqualTo(Level.WARN);
            assertThat(e.getFormattedMessage())
                    .isEqualTo("Scheduled job skipped, retried at its next run: store.unavailable"
                            + " (SQLException SQLSTATE 08001)");
            assertThat(e.getThrowableProxy()).isNull();
        });
    }

    @Test
    void anythingElseIsAnErrorWithoutItsMessage() {
        new ScheduledTaskErrors().handleError(new IllegalStateException("row of Ana, 555-0100"));
        assertThat(logged.list).singleElement().satisfies(e -> {
            assertThat(e.getLevel()).isEqualTo(Level.ERROR);
            assertThat(e.getThrowableProxy().getMessage()).doesNotContain("Ana");
        });
    }
}
