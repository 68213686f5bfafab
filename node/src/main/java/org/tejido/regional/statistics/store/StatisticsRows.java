package org.tejido.regional.statistics.store;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.tejido.platform.database.BinaryCopy;
import org.tejido.regional.statistics.StatisticsRecord;

/**
 * Rows of {@code regional_statistics} in PostgreSQL's binary COPY format (ADR 0024): one per content
 * row, written many at a time, by the intake and by the rebuild alike.
 */
final class StatisticsRows {
    static final String COLUMNS = "origin, log_index, target_id, scope, country, period, target_kind,"
            + " verification_status, aggression_types, perpetrators, involvements, rights_defended, gender_elements,"
            + " contributors, public_name";
    static final String COPY = "COPY regional_statistics (" + COLUMNS + ") FROM STDIN (FORMAT binary)";
    private static final int FIELDS = 15;
    /** A typical row's size in COPY's format, to size the buffer once. */
    private static final int ROW_BYTES = 400;

    private StatisticsRows() {}

    /** A record with the id of its row's target as {@code regional_payload} holds it. */
    record Row(UUID targetId, StatisticsRecord record) {}

    static void write(JdbcTemplate jdbc, List<Row> rows) {
        if (rows.isEmpty()) {
            return;
        }
        BinaryCopy copy = new BinaryCopy(FIELDS, BinaryCopy.FRAME_BYTES + rows.size() * ROW_BYTES);
        for (Row row : rows) {
            StatisticsRecord r = row.record();
            List<String> perpetrators = new ArrayList<>(r.perpetrators().size());
            List<String> involvements = new ArrayList<>(r.perpetrators().size());
            for (StatisticsRecord.Perpetrator p : r.perpetrators()) {
                perpetrators.add(p.perpetrator());
                involvements.add(p.involvement());
            }
            copy.row()
                    .text(r.origin())
                    .int8(r.index())
                    .uuid(row.targetId())
                    .text(r.scope())
                    .text(r.country())
                    .text(r.period())
                    .text(r.targetKind())
                    .text(r.verificationStatus())
                    .textArray(List.copyOf(r.aggressionTypes()))
                    .textArray(perpetrators)
                    .textArray(involvements)
                    .textArray(List.copyOf(r.rightsDefended()))
                    .textArray(List.copyOf(r.genderElements()))
                    .textArray(List.copyOf(r.contributors()))
                    .text(r.publicName().orElse(null));
        }
        BinaryCopy.copyIn(jdbc, COPY, copy.finish());
    }
}
