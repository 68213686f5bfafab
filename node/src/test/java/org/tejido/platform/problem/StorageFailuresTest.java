package org.tejido.platform.problem;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ConnectException;
import java.sql.BatchUpdateException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.axonframework.eventsourcing.eventstore.EventStoreException;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;

class StorageFailuresTest {
    @Test
    void aDatabaseThatIsNotThereIsRecognizedThroughEveryWrapper() {
        // Hikari's timeout while PostgreSQL refuses connections, as Spring's transaction manager wraps it.
        SQLTransientConnectionException timeout =
                new SQLTransientConnectionException("pool timed out", "08001", new ConnectException("refused"));
        assertThat(StorageFailures.unavailable(new CannotCreateTransactionException("no tx", timeout)))
                .isTrue();
        assertThat(StorageFailures.reason(new CannotCreateTransactionException("no tx", timeout)))
                .isEqualTo("SQLTransientConnectionException SQLSTATE 08001");
        assertThat(StorageFailures.unavailable(new CannotGetJdbcConnectionException("no connection")))
                .isTrue();
        // Disk full, admin shutdown, crash shutdown, connection failure, I/O error, in Axon's wrapper.
        for (String state : new String[] {"53100", "57P01", "57P02", "57P03", "08006", "08003", "58030"}) {
            SQLException sql = new SQLException("INSERT ... values that must not be logged", state);
            assertThat(StorageFailures.unavailable(new EventStoreException("append failed", sql)))
                    .as(state)
                    .isTrue();
            assertThat(StorageFailures.reason(new EventStoreException("append failed", sql)))
                    .doesNotContain("values")
                    .endsWith(state);
        }
    }

    @Test
    void aCommitThatFailedIsFoundBehindItsRollbacksFailure() {
        // The commit's batch was cut by a shutdown; the rollback then found Hikari's closed connection.
        TransactionSystemException rollback =
                new TransactionSystemException("rollback failed", new SQLException("Connection is closed"));
        BatchUpdateException commit = new BatchUpdateException("Batch entry 0 INSERT ...", "57P01", 0, new int[0]);
        rollback.initApplicationException(commit);
        assertThat(StorageFailures.unavailable(rollback)).isTrue();
        // A next exception of a batch.
        SQLException batch = new SQLException("batch aborted");
        batch.setNextException(new SQLException("could not extend file", "53100"));
        assertThat(StorageFailures.unavailable(batch)).isTrue();
    }

    @Test
    void aTransactionThatLastedTooLongIsFoundThroughAxonsWrappers() {
        TransactionTooLongException atCommit = new TransactionTooLongException(java.time.Duration.ofSeconds(300));
        assertThat(StorageFailures.tooLong(
                        new org.axonframework.commandhandling.CommandExecutionException("failed", atCommit)))
                .isTrue();
        assertThat(StorageFailures.tooLong(new EventStoreException(
                        "append failed", new org.springframework.transaction.TransactionTimedOutException("late"))))
                .isTrue();
        assertThat(StorageFailures.tooLong(atCommit)).isTrue();
        assertThat(StorageFailures.unavailable(atCommit)).isFalse();
        assertThat(StorageFailures.tooLong(new SQLException("gone", "08006"))).isFalse();
    }

    @Test
    void aRefusalOfTheDatabaseIsNotUnavailability() {
        assertThat(StorageFailures.unavailable(
                        new DataIntegrityViolationException("dup", new SQLException("duplicate key", "23505"))))
                .isFalse();
        assertThat(StorageFailures.unavailable(new SQLException("bad uuid", "22P02")))
                .isFalse();
        assertThat(StorageFailures.unavailable(new SQLException("statement timeout", "57014")))
                .isFalse();
        assertThat(StorageFailures.unavailable(new IllegalStateException("bug")))
                .isFalse();
        assertThat(StorageFailures.unavailable(new TransactionSystemException("rollback failed", new SQLException())))
                .isFalse();
        assertThat(StorageFailures.reason(new IllegalStateException("bug"))).isEqualTo("-");
    }

    @Test
    void aCycleInTheCauseChainEnds() {
        IllegalStateException a = new IllegalStateException("a");
        IllegalStateException b = new IllegalStateException("b", a);
        a.initCause(b);
        assertThat(StorageFailures.unavailable(a)).isFalse();
    }
}
