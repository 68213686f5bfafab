package org.tejido.platform.axon;

import org.axonframework.spring.messaging.unitofwork.SpringTransactionManager;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.TransactionStatus;
import org.springframework.transaction.support.DefaultTransactionDefinition;

/**
 * Axon transactions that nest as savepoints: inside a transaction, each is a savepoint that commits
 * (releases) or rolls back on its own; outside one, a transaction of its own.
 *
 * <p>Axon's {@link SpringTransactionManager} asks Spring for them but only ever commits or rolls back a
 * transaction it started ({@code isNewTransaction}), so a nested one that failed was never rolled back
 * to its savepoint: the transaction around it stayed aborted. The dead-letter queue retries each parked
 * event in such a nested transaction, so that an event failing again is undone alone and put back in the
 * queue within the same transaction.
 */
final class Savepoints extends SpringTransactionManager {
    private final PlatformTransactionManager transactions;

    Savepoints(PlatformTransactionManager transactions) {
        super(transactions, nested());
        this.transactions = transactions;
    }

    private static TransactionDefinition nested() {
        DefaultTransactionDefinition definition = new DefaultTransactionDefinition();
        definition.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
        return definition;
    }

    @Override
    protected void commitTransaction(TransactionStatus status) {
        if (!status.isCompleted()) {
            transactions.commit(status);
        }
    }

    @Override
    protected void rollbackTransaction(TransactionStatus status) {
        if (!status.isCompleted()) {
            transactions.rollback(status);
        }
    }
}
