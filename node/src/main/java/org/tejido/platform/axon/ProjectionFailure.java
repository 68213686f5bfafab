package org.tejido.platform.axon;

import java.sql.SQLException;
import org.axonframework.messaging.Message;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;
import org.tejido.platform.problem.Redacted;
import org.tejido.platform.problem.Rejection;

/**
 * A read model's handler failed on an event, told without anything the event or the failure's messages
 * hold: the processing group, the event's type, the class of the failure and, for a database error, its
 * SQLSTATE and the constraint it broke. The original is kept as a {@link Redacted} cause (classes and
 * stack frames, no messages): the messages of database errors quote the rows they failed on, and those
 * may hold personal data. This is what reaches the log and the dead-letter queue's cause columns.
 */
public final class ProjectionFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String group;
    private final String eventType;
    private final String causeType;
    private final String code;

    private ProjectionFailure(String group, String eventType, Throwable original) {
        super(null, Redacted.of(original), false, true);
        this.group = group;
        this.eventType = eventType;
        this.causeType = original.getClass().getName();
        this.code = codeOf(original);
        setStackTrace(original.getStackTrace());
    }

    /** The failure as it may be told; {@code failure} itself if it already is one. */
    public static ProjectionFailure of(String group, Message<?> message, Throwable failure) {
        if (failure instanceof ProjectionFailure known) {
            return known;
        }
        return new ProjectionFailure(group, message.getPayloadType().getSimpleName(), failure);
    }

    public String group() {
        return group;
    }

    /** The simple name of the event's class, e.g. {@code AttackRecordedEvent}. */
    public String eventType() {
        return eventType;
    }

    /** The class of the original failure, e.g. {@code org.springframework.dao.DuplicateKeyException}. */
    public String causeType() {
        return causeType;
    }

    /**
     * For a database error, {@code SQLSTATE 23505, constraint consent_attack_defender_pkey}; for a
     * refusal, its code; otherwise empty (the message is withheld).
     */
    public String code() {
        return code;
    }

    @Override
    public String getMessage() {
        return "Projection '" + group + "' failed on " + eventType + ": " + causeType
                + (code.isEmpty() ? "" : " (" + code + ")") + " (message withheld: may hold personal data)";
    }

    /** {@code <class of the failure>} and, when there is one, {@code (<code>)}: never a message. */
    static String describe(Throwable failure) {
        String code = codeOf(failure);
        return failure.getClass().getName() + (code.isEmpty() ? "" : " (" + code + ")");
    }

    private static String codeOf(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof Rejection rejection) {
                return rejection.code();
            }
            if (t instanceof SQLException sql) {
                return sqlCode(sql);
            }
        }
        return "";
    }

    private static String sqlCode(SQLException sql) {
        StringBuilder code = new StringBuilder("SQLSTATE ").append(sql.getSQLState());
        if (sql instanceof PSQLException psql && psql.getServerErrorMessage() != null) {
            // Names from the schema, never values: a constraint, else the table.
            ServerErrorMessage server = psql.getServerErrorMessage();
            if (server.getConstraint() != null) {
                code.append(", constraint ").append(server.getConstraint());
            } else if (server.getTable() != null) {
                code.append(", table ").append(server.getTable());
            }
        }
        return code.toString();
    }
}
