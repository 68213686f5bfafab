package org.tejido.platform.axon;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;

/**
 * Rows a projection collects while its processor handles a batch of events, written together when the
 * batch's unit of work prepares to commit, in its transaction: one write to PostgreSQL per batch of
 * events instead of one per event. How they are written (a JDBC batch, a COPY) is the writer's.
 *
 * <p>A handler that reads or changes rows this projection may have pending calls {@link #flush()} first.
 * Outside a unit of work (a test calling a handler directly) each row is written at once.
 */
public final class BatchedWrites<T> {
    private final Consumer<List<T>> writer;
    private final String resource;

    public BatchedWrites(Consumer<List<T>> writer) {
        this.writer = writer;
        this.resource = BatchedWrites.class.getName() + "@" + UUID.randomUUID();
    }

    public void add(T row) {
        if (!CurrentUnitOfWork.isStarted()) {
            writer.accept(List.of(row));
            return;
        }
        UnitOfWork<?> root = CurrentUnitOfWork.get().root();
        List<T> pending = root.getOrComputeResource(resource, key -> {
            List<T> rows = new ArrayList<>();
            root.onPrepareCommit(u -> write(rows));
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

    private void write(List<T> rows) {
        if (!rows.isEmpty()) {
            writer.accept(List.copyOf(rows));
            rows.clear();
        }
    }
}
