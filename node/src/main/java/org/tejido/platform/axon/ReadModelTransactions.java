package org.tejido.platform.axon;

import org.axonframework.common.transaction.Transaction;
import org.axonframework.common.transaction.TransactionManager;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Transactions of processors whose tables can be rebuilt from the event store (read models): they
 * commit without waiting for the disk flush ({@code synchronous_commit = off} for that transaction
 * only). A crash can lose the last fraction of a second of such commits, never part of one: rows and
 * the processor's token are in the same transaction, so the processor resumes from its last durable
 * position and handles those events again. Commands, the event store and the federation log keep
 * waiting for the flush. Without this, a node recording one attack at a time waited for three flushes
 * per attack instead of two (ADR 0015, docs/benchmarks.md).
 */
public final class ReadModelTransactions implements TransactionManager {
    private final TransactionManager delegate;
    private final JdbcTemplate jdbc;

    public ReadModelTransactions(TransactionManager delegate, JdbcTemplate jdbc) {
        this.delegate = delegate;
        this.jdbc = jdbc;
    }

    @Override
    public Transaction startTransaction() {
        Transaction transaction = delegate.startTransaction();
        try {
            jdbc.execute("SET LOCAL synchronous_commit TO OFF");
        } catch (RuntimeException e) {
            transaction.rollback();
            throw e;
        }
        return transaction;
    }
}
