package org.tejido.platform.database;

import java.sql.SQLException;
import javax.sql.DataSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.datasource.ConnectionHolder;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.transaction.support.DefaultTransactionStatus;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Spring Boot's JDBC transaction manager, but a rollback on a connection that is already closed is
 * skipped. When PostgreSQL goes away during a commit (shutdown, crash), Hikari closes the broken
 * connection; Spring then tries to roll back on it, fails with "Connection is closed" (no SQLSTATE),
 * and throws that instead of the commit's own failure, which is the one that says the database is
 * gone (SQLSTATE 08006 or 57P01) and is answered 503 store.unavailable. A closed connection has
 * nothing to roll back: PostgreSQL rolls back whatever a lost session left uncommitted. Replacing
 * the bean also stops Spring's "Commit exception overridden by rollback exception" log, which carried
 * the commit's exception message.
 */
@Configuration(proxyBeanMethods = false)
class TransactionConfig {
    @Bean
    JdbcTransactionManager transactionManager(DataSource dataSource) {
        return new ClosedConnectionAwareTransactionManager(dataSource);
    }

    static final class ClosedConnectionAwareTransactionManager extends JdbcTransactionManager {
        private static final long serialVersionUID = 1L;

        ClosedConnectionAwareTransactionManager(DataSource dataSource) {
            super(dataSource);
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
