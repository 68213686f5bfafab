package org.tejido.platform.axon;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.tejido.platform.problem.Redacted;

/**
 * Rows a projection collects while its processor handles a batch of events, written together when the
 * batch's unit of work prepares to commit, in its transaction: one write to PostgreSQL per batch of
 * events instead of one per event. How they are written (a JDBC batch, a COPY) is the writer's.
 *
 * <p>A handler that reads or changes rows this projection may have pending calls {@link #flush()} first.
 * Outside a unit of work (a test calling a handler directly), and while a dead-lettering processor
 * handles events one by one ({@link EventByEventRetry}), each row is written at once.
 */
public final class BatchedWrites<T> {
    private final Consumer<List<T>> writer;
    private final String resource;

    public BatchedWrites(Consumer<List<T>> writer) {
        this.writer = writer;
        this.resource = BatchedWrites.class.getName() + "@" + UUID.randomUUID();
    }

    public void add(T row) {
        // Event by event (the retry of a failed batch, an admin's retry of a parked event), a row that
        // cannot be written must fail its own event's handler, inside its savepoint (EventByEventRetry).
        if (!CurrentUnitOfWork.isStarted() || EventByEventRetry.eventByEvent()) {
            writer.accept(List.of(row));
            return;
        }
        UnitOfWork<?> root = CurrentUnitOfWork.get().root();
        List<T> pending = root.getOrComputeResource(resource, key -> {
            List<T> rows = new ArrayList<>();
            root.onPrepareCommit(u -> writeAtCommit(rows));
            return rows;
        });
        pending.add(row);
    }

    /** Writes the rows collected so far in this unit of work. */
    public void flush() {
        if (CurrentUnitOfWork.isStarted()) {
            List<T> pending = CurrentUnitOfWork.get().root().getResource(resource);
            if (pending != null) {
                write(pending);
            }
        }
    }

    /**
     * A failure here belongs to no handler: it rolls the batch back (and a dead-lettering processor then
     * handles it event by event, each row written with its own event). Logged without the database's
     * message, which quotes the rows.
     */
    private void writeAtCommit(List<T> rows) {
        try {
            write(rows);
        } catch (RuntimeException e) {
            throw new RowsNotWritten(rows.size(), e);
        }
    }

    private void write(List<T> rows) {
        if (!rows.isEmpty()) {
            writer.accept(List.copyOf(rows));
            rows.clear();
        }
    }

    /** Rows collected in a batch could not be written when it was about to commit. */
    static final class RowsNotWritten extends RuntimeException {
        private static final long serialVersionUID = 1L;

        RowsNotWritten(int rows, RuntimeException failure) {
            super(
                    rows + " rows collected in this batch could not be written: " + ProjectionFailure.describe(failure)
                            + " (message withheld: may hold personal data)",
                    Redacted.of(failure),
                    false,
                    true);
            setStackTrace(failure.getStackTrace());
        }
    }
}
