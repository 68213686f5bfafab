package org.tejido.regional.records;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.Timestamp;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.tejido.ledger.leaf.LeafKind;
import org.tejido.regional.intake.EntriesStoredEvent;
import org.tejido.regional.intake.PayloadDeletedEvent;

/**
 * What each origin shares now (`regional_record`): for every shared record, the index of its latest
 * entry and its scope; the content itself stays beside the log (`regional_payload`, joined on
 * `last_index` when read). A retraction forgets the record. The scope is read from that content, never
 * from events, so a replay cannot bring back what was retracted.
 */
@Component
@ProcessingGroup(RecordsWiring.PROCESSOR)
class RegionalRecordProjection {
    private final JdbcTemplate jdbc;

    RegionalRecordProjection(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(EntriesStoredEvent event, @Timestamp Instant at) {
        // The batch's content in one query; what is missing was retracted since.
        long first = event.firstIndex();
        Map<Long, byte[]> content = new HashMap<>();
        jdbc.query(
                "SELECT log_index, payload FROM regional_payload WHERE origin = ? AND log_index >= ? AND log_index < ?",
                rs -> {
                    content.put(rs.getLong(1), rs.getBytes(2));
                },
                event.origin(),
                first,
                first + event.entries().size());
        // One row per record: a batch may share a record and amend it, and one multi-row upsert cannot
        // touch the same row twice (the driver sends the batch as one INSERT). The later entry wins.
        Map<UUID, Object[]> kept = new LinkedHashMap<>();
        long index = first;
        for (EntriesStoredEvent.StoredEntry entry : event.entries()) {
            LeafKind kind = LeafKind.valueOf(entry.kind());
            if (kind == LeafKind.CONSENT_REVOKED || kind == LeafKind.ERASURE_DONE) {
                keep(kept);
                forget(event.origin(), entry);
            } else if (entry.withContent() && content.containsKey(index)) {
                kept.put(entry.targetId(), new Object[] {
                    event.origin(),
                    entry.targetId(),
                    index,
                    ShareScope.of(content.get(index)),
                    OffsetDateTime.ofInstant(at, ZoneOffset.UTC)
                });
            }
            index++;
        }
        keep(kept);
    }

    @EventHandler
    void on(PayloadDeletedEvent event) {
        jdbc.update(
                "DELETE FROM regional_record WHERE origin = ? AND target_id = ? AND last_index = ?",
                event.origin(),
                event.targetId(),
                event.index());
    }

    @ResetHandler
    void reset() {
        jdbc.update("DELETE FROM regional_record");
    }

    /** Upserts the rows gathered so far, in one batch, and clears them (so a later retraction wins). */
    private void keep(Map<UUID, Object[]> rows) {
        if (rows.isEmpty()) {
            return;
        }
        jdbc.batchUpdate(
                "INSERT INTO regional_record (origin, target_id, last_index, scope, updated_at)"
                        + " VALUES (?, ?, ?, ?, ?)"
                        + " ON CONFLICT (origin, target_id) DO UPDATE SET last_index = excluded.last_index,"
                        + " scope = excluded.scope, updated_at = excluded.updated_at"
                        + " WHERE regional_record.last_index < excluded.last_index",
                List.copyOf(rows.values()));
        rows.clear();
    }

    private void forget(String origin, EntriesStoredEvent.StoredEntry entry) {
        jdbc.update("DELETE FROM regional_record WHERE origin = ? AND target_id = ?", origin, entry.targetId());
    }
}
