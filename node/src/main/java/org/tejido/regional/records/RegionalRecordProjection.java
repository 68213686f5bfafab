package org.tejido.regional.records;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
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
 * What each origin shares now (`regional_record`): for every shared record, its latest content as the
 * node minimized it. A retraction forgets the record. Content is read from beside the log
 * (`regional_payload`), never from events, so a replay cannot bring back what was retracted.
 */
@Component
@ProcessingGroup("regional-records")
class RegionalRecordProjection {
    private final JdbcTemplate jdbc;

    RegionalRecordProjection(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(EntriesStoredEvent event, @Timestamp Instant at) {
        long index = event.firstIndex();
        for (EntriesStoredEvent.StoredEntry entry : event.entries()) {
            LeafKind kind = LeafKind.valueOf(entry.kind());
            if (kind == LeafKind.CONSENT_REVOKED || kind == LeafKind.ERASURE_DONE) {
                forget(event.origin(), entry);
            } else if (entry.withContent()) {
                keep(event.origin(), index, entry, at);
            }
            index++;
        }
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

    private void keep(String origin, long index, EntriesStoredEvent.StoredEntry entry, Instant at) {
        List<byte[]> content = jdbc.query(
                "SELECT payload FROM regional_payload WHERE origin = ? AND log_index = ?",
                (rs, n) -> rs.getBytes(1),
                origin,
                index);
        if (content.isEmpty()) {
            return; // retracted since: nothing to show
        }
        String share = new String(content.get(0), StandardCharsets.UTF_8);
        jdbc.update(
                "INSERT INTO regional_record (origin, target_id, last_index, scope, share, updated_at)"
                        + " VALUES (?, ?, ?, CAST(?::jsonb ->> 'scope' AS VARCHAR(16)), CAST(? AS jsonb), ?)"
                        + " ON CONFLICT (origin, target_id) DO UPDATE SET last_index = excluded.last_index,"
                        + " scope = excluded.scope, share = excluded.share, updated_at = excluded.updated_at"
                        + " WHERE regional_record.last_index < excluded.last_index",
                origin,
                entry.targetId(),
                index,
                share,
                share,
                OffsetDateTime.ofInstant(at, ZoneOffset.UTC));
    }

    private void forget(String origin, EntriesStoredEvent.StoredEntry entry) {
        jdbc.update("DELETE FROM regional_record WHERE origin = ? AND target_id = ?", origin, entry.targetId());
    }
}
