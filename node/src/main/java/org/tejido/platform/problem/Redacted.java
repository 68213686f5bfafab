package org.tejido.platform.problem;

/**
 * An exception fit for the log: the same classes and stack frames, without the messages. Messages of
 * database and serialization errors quote the rows and payloads they failed on, and those may hold
 * personal data.
 */
public final class Redacted extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private Redacted(Throwable original, Throwable redactedCause) {
        super(describe(original), redactedCause, false, true);
        setStackTrace(original.getStackTrace());
    }

    public static Redacted of(Throwable original) {
        Throwable cause = original.getCause();
        return new Redacted(original, cause == null || cause == original ? null : of(cause));
    }

    private static String describe(Throwable t) {
        String state = t instanceof java.sql.SQLException sql ? " SQLSTATE " + sql.getSQLState() : "";
        return t.getClass().getName() + state + " (message withheld: may hold personal data)";
    }
}
