package org.tejido.national.cases;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.tejido.platform.database.BinaryCopy;

/**
 * New rows of {@code case_summary}, written with one binary {@code COPY} per batch of events rather than a
 * multi-row {@code INSERT}: every recorded attack passes through here, and COPY took 0.54 of the INSERT's
 * CPU per row, client and PostgreSQL together (docs/benchmarks.md, ADR 0024).
 */
final class NewCaseRows {
    static final String COPY = "COPY case_summary (attack_id, recorded_at, updated_at, occurred_on, occurred_from,"
            + " occurred_to, country, subdivision, target_kind, aggression_types, aggression_groups,"
            + " verification_status) FROM STDIN (FORMAT binary)";
    private static final int FIELDS = 12;
    /** A typical row's size in COPY's format, to size the buffer once. */
    private static final int ROW_BYTES = 256;

    /** One new case, as the list shows and filters it. */
    record Row(
            UUID attackId,
            Instant recordedAt,
            String occurredOn,
            LocalDate occurredFrom,
            LocalDate occurredTo,
            String country,
            String subdivision,
            String targetKind,
            List<String> aggressionTypes,
            List<String> aggressionGroups,
            String verificationStatus) {}

    private NewCaseRows() {}

    static void write(JdbcTemplate jdbc, List<Row> rows) {
        BinaryCopy copy = new BinaryCopy(FIELDS, BinaryCopy.FRAME_BYTES + rows.size() * ROW_BYTES);
        for (Row row : rows) {
            copy.row()
                    .uuid(row.attackId())
                    .timestamptz(row.recordedAt()) // recorded_at
                    .timestamptz(row.recordedAt()) // updated_at
                    .text(row.occurredOn())
                    .date(row.occurredFrom())
                    .date(row.occurredTo())
                    .text(row.country())
                    .text(row.subdivision())
                    .text(row.targetKind())
                    .textArray(row.aggressionTypes())
                    .textArray(row.aggressionGroups())
                    .text(row.verificationStatus());
        }
        BinaryCopy.copyIn(jdbc, COPY, copy.finish());
    }
}
