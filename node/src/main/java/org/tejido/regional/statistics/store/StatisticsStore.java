package org.tejido.regional.statistics.store;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Keeps {@code regional_statistics} in step with {@code regional_payload} (ADR 0034): the intake calls
 * it in its own transaction, right after it keeps or deletes content, so a record's codes exist exactly
 * while its content does. Each share's content is read once, here ({@link StatisticsContent}).
 */
@Component
public class StatisticsStore {
    private final JdbcTemplate jdbc;

    StatisticsStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Content the intake keeps beside a share: its entry's index, its record's id and its bytes. */
    public record Kept(long index, UUID targetId, byte[] payload) {}

    /**
     * Writes one row per kept content, by one COPY; content the reader cannot read throws, so that the
     * intake's transaction, content included, rolls back.
     */
    public void keep(String origin, List<Kept> content) {
        List<StatisticsRows.Row> rows = new ArrayList<>(content.size());
        for (Kept kept : content) {
            rows.add(new StatisticsRows.Row(
                    kept.targetId(), StatisticsContent.read(origin, kept.targetId(), kept.index(), kept.payload())));
        }
        StatisticsRows.write(jdbc, rows);
    }

    /** Deletes the rows of content the intake deletes (a retraction, an erasure at the source). */
    public void forget(String origin, List<Long> indices) {
        if (indices.isEmpty()) {
            return;
        }
        jdbc.update(
                "DELETE FROM regional_statistics WHERE origin = ? AND log_index = ANY (?)",
                origin,
                indices.toArray(Long[]::new));
    }
}
