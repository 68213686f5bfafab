package org.tejido.regional.intake;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.tejido.platform.database.BinaryCopy;
import org.tejido.regional.statistics.store.StatisticsStore;

/**
 * The intake's tables beside the event store. {@code regional_record}, what each origin shares now, is a
 * view of {@code regional_payload} (ADR 0022): keeping and deleting content is all it takes. The
 * statistics store's rows go and come with the content, in the same transaction (ADR 0034).
 */
@Component
class JdbcIntakeStore implements IntakeStore {
    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final StatisticsStore statistics;

    JdbcIntakeStore(JdbcTemplate jdbc, Clock clock, StatisticsStore statistics) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.statistics = statistics;
    }

    @Override
    public void keepContent(String origin, List<BatchOutcome.Content> content) {
        if (content.isEmpty()) {
            return;
        }
        // COPY, not INSERT: every stored entry's content is written here, on the intake's serial path.
        BinaryCopy.copyIn(jdbc, PayloadCopy.SQL, PayloadCopy.rows(origin, content));
        statistics.keep(
                origin,
                content.stream()
                        .map(c -> new StatisticsStore.Kept(c.index(), c.targetId(), c.payload()))
                        .toList());
    }

    @Override
    public void deleteContent(String origin, List<Long> indices) {
        for (Long index : indices) {
            jdbc.update("DELETE FROM regional_payload WHERE origin = ? AND log_index = ?", origin, index);
        }
        statistics.forget(origin, indices);
    }

    @Override
    public void updateState(String origin, BatchOutcome.Stored stored) {
        jdbc.update(
                "INSERT INTO regional_log_state (origin, stored_size, checkpoint_note, cosignature_note, updated_at)"
                        + " VALUES (?, ?, ?, ?, ?) ON CONFLICT (origin) DO UPDATE SET stored_size ="
                        + " excluded.stored_size, checkpoint_note = excluded.checkpoint_note,"
                        + " cosignature_note = excluded.cosignature_note, updated_at = excluded.updated_at",
                origin,
                stored.storedSize(),
                stored.checkpointNote(),
                stored.cosignatureNote(),
                OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC));
    }

    @Override
    public void flagEquivocation(String origin, Instant at) {
        // The row exists: a fork is only found against a checkpoint already accepted.
        jdbc.update(
                "UPDATE regional_log_state SET equivocation_detected_at ="
                        + " COALESCE(equivocation_detected_at, ?) WHERE origin = ?",
                OffsetDateTime.ofInstant(at, ZoneOffset.UTC),
                origin);
    }
}
