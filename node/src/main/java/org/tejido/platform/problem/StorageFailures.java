package org.tejido.platform.problem;

import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;
import org.springframework.transaction.TransactionTimedOutException;

/**
 * Tells a database that is not there (stopped, restarting, unreachable, out of disk, refusing
 * connections) from a request the database refused: the first is answered 503 {@code
 * store.unavailable} with Retry-After, whatever layer wrapped it (Spring's translation, Hikari, Axon's
 * unit of work, a failed commit's rollback), and the client may send the same request again.
 *
 * <p>Recognized anywhere in the cause chain (also a failed rollback's original exception and a
 * SQLException's next one): SQLSTATE classes 08 (connection exception), 53 (insufficient resources:
 * {@code 53100 disk_full}, {@code 53300 too_many_connections}), 58 (system error: I/O) and {@code
 * 57P01}-{@code 57P05} (admin/crash shutdown, cannot connect now, database dropped, idle session
 * timeout); Hikari's pool timeout ({@link SQLTransientConnectionException}); Spring's {@link
 * DataAccessResourceFailureException} (with {@code CannotGetJdbcConnectionException}) and {@link
 * CannotCreateTransactionException}; a refused TCP connection.
 */
public final class StorageFailures {
    /** Seconds a client is asked to wait before trying again (Retry-After). */
    public static final int RETRY_AFTER_SECONDS = 5;

    public static final String CODE = "store.unavailable";

    private StorageFailures() {}

    /**
     * A transaction that lasted longer than the node allows: refused at its commit (TransactionConfig),
     * or by Spring at a statement run past its deadline.
     */
    public static final String TOO_LONG_CODE = "store.transaction-too-long";

    public static boolean unavailable(Throwable failure) {
        return cause(failure, StorageFailures::isUnavailability).isPresent();
    }

    public static boolean tooLong(Throwable failure) {
        return cause(
                        failure,
                        t -> t instanceof TransactionTooLongException || t instanceof TransactionTimedOutException)
                .isPresent();
    }

    /**
     * What to log for it: the SQLSTATE and exception class found, never a message (PostgreSQL's and
     * PgJDBC's messages may quote the SQL and the values it failed on).
     */
    public static String reason(Throwable failure) {
        return cause(failure, StorageFailures::isUnavailability)
                .map(t -> t instanceof SQLException sql && sql.getSQLState() != null
                        ? t.getClass().getSimpleName() + " SQLSTATE " + sql.getSQLState()
                        : t.getClass().getSimpleName())
                .orElse("-");
    }

    private static Optional<Throwable> cause(Throwable failure, Predicate<Throwable> kind) {
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        Deque<Throwable> todo = new ArrayDeque<>();
        todo.add(failure);
        Throwable found = null;
        while (!todo.isEmpty()) {
            Throwable t = todo.poll();
            if (!seen.add(t)) {
                continue;
            }
            // The most specific one: an SQLSTATE beats the Spring wrapper around it.
            if (kind.test(t) && (found == null || t instanceof SQLException)) {
                found = t;
            }
            add(todo, t.getCause());
            if (t instanceof TransactionSystemException tx) {
                add(todo, tx.getApplicationException()); // a commit that failed, hidden by its rollback's failure
            }
            if (t instanceof SQLException sql) {
                add(todo, sql.getNextException());
            }
            for (Throwable suppressed : t.getSuppressed()) {
                add(todo, suppressed);
            }
        }
        return Optional.ofNullable(found);
    }

    private static void add(Deque<Throwable> todo, Throwable t) {
        if (t != null) {
            todo.add(t);
        }
    }

    private static boolean isUnavailability(Throwable t) {
        if (t instanceof SQLException sql && sql.getSQLState() != null) {
            String state = sql.getSQLState();
            if (state.startsWith("08")
                    || state.startsWith("53")
                    || state.startsWith("58")
                    || state.matches("57P0[1-5]")) {
                return true;
            }
        }
        return t instanceof SQLTransientConnectionException
                || t instanceof SQLNonTransientConnectionException
                || t instanceof DataAccessResourceFailureException
                || t instanceof CannotCreateTransactionException
                || t instanceof ConnectException;
    }
}
