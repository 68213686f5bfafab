package org.tejido.platform.axon;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.SortedSet;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;

/**
 * When a tracking processor may stop waiting for a hole in the event store's global index (ADR 0030).
 *
 * <p>A global index is taken from a sequence before its transaction commits, so a reader sees index
 * {@code n + 1} while {@code n} is still open; Axon remembers {@code n} as a gap and gives up on it once
 * the event after it is older than the gap timeout. Giving up on a gap that is later filled skips that
 * event for good in every processor that gave up: a read model without it, a federation log without
 * the attack. So the gap timeout is derived from the longest a transaction may last, which the
 * transaction manager enforces at commit ({@code tejido.transactions.max-duration}): a transaction that
 * took {@code n} began before the event after it was created and commits, or is refused, within the
 * limit of its start; the event after it was created inside a transaction of its own, so it was
 * inserted within the limit of its creation. The hole is settled two limits after that creation; the
 * third is margin for the commit itself and the reader's query.
 */
record GapPolicy(Duration maxTransaction) {
    static final int CLEANING_THRESHOLD = 250;
    static final int MAX_GAP_OFFSET = 10_000;

    GapPolicy {
        if (maxTransaction.isNegative() || maxTransaction.isZero()) {
            throw new IllegalArgumentException("tejido.transactions.max-duration must be positive");
        }
    }

    Duration gapTimeout() {
        return maxTransaction.multipliedBy(3);
    }

    JdbcEventStorageEngine.Builder applyTo(JdbcEventStorageEngine.Builder builder) {
        return builder.gapTimeout(Math.toIntExact(gapTimeout().toMillis()))
                .gapCleaningThreshold(CLEANING_THRESHOLD)
                .maxGapOffset(MAX_GAP_OFFSET)
                .extendedGapCheckEnabled(true)
                .cleanGaps(GapPolicy::cleanGapsInIndexOrder);
    }

    /**
     * Axon's own gap-cleaning query without its missing {@code ORDER BY}. Axon walks the rows in the
     * order they come and stops at the first filled gap, dropping every gap before a row that is not
     * one; PostgreSQL returned them in heap order, where an import's rows (filled gaps) came after
     * rows written meanwhile by other transactions, so the import's gaps were dropped as if never
     * filled and its events never reached one processor (docs/campaigns.md, the crash campaign).
     */
    static PreparedStatement cleanGapsInIndexOrder(Connection connection, EventSchema schema, SortedSet<Long> gaps)
            throws SQLException {
        PreparedStatement statement = connection.prepareStatement("SELECT " + schema.globalIndexColumn() + ", "
                + schema.timestampColumn() + " FROM " + schema.domainEventTable() + " WHERE "
                + schema.globalIndexColumn() + " >= ? AND " + schema.globalIndexColumn() + " <= ? ORDER BY "
                + schema.globalIndexColumn() + " ASC");
        statement.setLong(1, gaps.first());
        statement.setLong(2, gaps.last() + 1L);
        return statement;
    }
}
