package org.tejido.platform.axon;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * One insert statement whose rows a projection collects while its processor handles a batch of events,
 * and writes as one JDBC batch when the batch's unit of work prepares to commit, in its transaction:
 * one round trip to PostgreSQL per batch of events instead of one per event.
 *
 * <p>A handler that reads or changes rows this statement may have pending calls {@link #flush()} first.
 * Outside a unit of work (a test calling a handler directly) each row is written at once.
 */
public final class BatchedInsert {
    private final JdbcTemplate jdbc;
    private final String sql;
    private final String resource;

    public BatchedInsert(JdbcTemplate jdbc, String sql) {
        this.jdbc = jdbc;
        this.sql = sql;
        this.resource = BatchedInsert.class.getName() + "@" + UUID.randomUUID();
    }

    public void add(Object... row) {
        if (!CurrentUnitOfWork.isStarted()) {
            jdbc.update(sql, row);
            return;
        }
        UnitOfWork<?> root = CurrentUnitOfWork.get().root();
        List<Object[]> pending = root.getOrComputeResource(resource, key -> {
            List<Object[]> rows = new ArrayList<>();
            root.onPrepareCommit(u -> write(rows));
            return rows;
        });
        pending.add(row);
    }

    /** Writes the rows collected so far in this unit of work. */
    public void flush() {
        if (CurrentUnitOfWork.isStarted()) {
            List<Object[]> pending = CurrentUnitOfWork.get().root().getResource(resource);
            if (pending != null) {
                write(pending);
            }
        }
    }

    private void write(List<Object[]> rows) {
        if (!rows.isEmpty()) {
            jdbc.batchUpdate(sql, List.copyOf(rows));
            rows.clear();
        }
    }
}
