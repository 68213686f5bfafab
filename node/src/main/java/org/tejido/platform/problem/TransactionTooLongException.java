package org.tejido.platform.problem;

import java.time.Duration;

/**
 * A transaction refused at its commit because it lasted longer than the node allows
 * ({@code tejido.transactions.max-duration}); it was rolled back. Answered 503
 * {@code store.transaction-too-long}.
 *
 * <p>Not Spring's {@code TransactionTimedOutException}: Spring rolls back after any other exception
 * thrown while preparing a commit, but after one of its own transaction exceptions it only releases
 * the connection, whose return to auto-commit then commits what the transaction wrote.
 */
public final class TransactionTooLongException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public TransactionTooLongException(Duration limit) {
        super("transaction older than " + limit.toSeconds() + " s at its commit");
    }
}
