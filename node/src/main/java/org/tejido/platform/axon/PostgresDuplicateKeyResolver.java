package org.tejido.platform.axon;

import java.sql.SQLException;
import org.axonframework.common.jdbc.PersistenceExceptionResolver;

/**
 * Tells Axon when an append failed on a unique key (SQLSTATE 23505), so that creating an aggregate
 * twice becomes {@code AggregateStreamCreationException} and a concurrent append a
 * {@code ConcurrencyException} (both refusals, not outages). Axon's stock JDBC resolver misses
 * PostgreSQL's batch exceptions, whose cause hides behind {@code getNextException()}.
 */
class PostgresDuplicateKeyResolver implements PersistenceExceptionResolver {
    static final String UNIQUE_VIOLATION = "23505";

    @Override
    public boolean isDuplicateKeyViolation(Exception exception) {
        for (Throwable t = exception; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && hasUniqueViolation(sql)) {
                return true;
            }
        }
        return false;
    }

    private static boolean hasUniqueViolation(SQLException sql) {
        for (SQLException e = sql; e != null; e = e.getNextException()) {
            if (UNIQUE_VIOLATION.equals(e.getSQLState())) {
                return true;
            }
        }
        return false;
    }
}
