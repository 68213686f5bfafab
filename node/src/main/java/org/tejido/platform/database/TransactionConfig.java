package org.tejido.platform.database;

import java.sql.SQLException;
import java.time.Duration;
import java.util.Date;
import javax.sql.DataSource;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.datasource.ConnectionHolder;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.transaction.support.DefaultTransactionStatus;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.tejido.platform.problem.TransactionTooLongException;

/**
 * Spring Boot's JDBC transaction manager, but a rollback on a connection that is already closed is
 * skipped. When PostgreSQL goes away during a commit (shutdown, crash), Hikari closes the broken
 * connection; Spring then tries to roll back on it, fails with "Connection is closed" (no SQLSTATE),
 * and throws that instead of the commit's own failure, which is the one that says the database is
 * gone (SQLSTATE 08006 or 57P01) and is answered 503 store.unavailable. A closed connection has
 * nothing to roll back: PostgreSQL rolls back whatever a lost session left uncommitted. Replacing
 * the bean also stops Spring's "Commit exception overridden by rollback exception" log, which carried
 * the commit's exception message.
 *
 * <p>It also refuses to commit a transaction older than {@code tejido.transactions.max-duration}: it
 * is rolled back and the caller gets {@link TransactionTooLongException}. The event store's
 * gap timeout is derived from that limit (GapPolicy, ADR 0030); a transaction that committed later
 * than it would fill a gap that event processors may already have given up on, and its events would
 * never reach them.
 */
@Configuration(proxyBeanMethods = false)
class TransactionConfig {
    @Bean
    JdbcTransactionManager transactionManager(
            DataSource dataSource, @Value("${tejido.transactions.max-duration}") Duration maxDuration) {
        return new NodeTransactionManager(dataSource, maxDuration);
    }

    static final class NodeTransactionManager extends JdbcTransactionManager {
        private static final long serialVersionUID = 1L;

        private final Duration maxDuration;

        NodeTransactionManager(DataSource dataSource, Duration maxDuration) {
            super(dataSource);
            if (maxDuration.toSeconds() < 1) {
                throw new IllegalArgumentException("tejido.transactions.max-duration must be at least 1 s");
            }
            this.maxDuration = maxDuration;
            setDefaultTimeout(Math.toIntExact(maxDuration.toSeconds()));
        }

        /**
         * Spring only applies a transaction's timeout to statements run through its own JDBC helpers;
         * the event store's statements are Axon's, so the limit is checked here, before every commit.
         */
        @Override
        protected void prepareForCommit(DefaultTransactionStatus status) {
            if (TransactionSynchronizationManager.getResource(obtainDataSource()) instanceof ConnectionHolder holder
                    && holder.getDeadline() != null
                    && !holder.getDeadline().after(new Date())) {
                throw new TransactionTooLongException(maxDuration);
            }
        }

        @Override
        protected void doRollback(DefaultTransactionStatus status) {
            if (connectionClosed()) {
                return;
            }
            super.doRollback(status);
        }

        private boolean connectionClosed() {
            Object resource = TransactionSynchronizationManager.getResource(obtainDataSource());
            if (!(resource instanceof ConnectionHolder holder)) {
                return false;
            }
            try {
                return holder.getConnection().isClosed();
            } catch (SQLException | IllegalStateException e) {
                return false;
            }
        }
    }
}
