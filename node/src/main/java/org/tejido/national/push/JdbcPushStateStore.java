package org.tejido.national.push;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.springframework.jdbc.core.JdbcTemplate;

/** {@code federation_push_state}: one row per origin, overwritten by each new confirmation. */
final class JdbcPushStateStore implements PushStateStore {
    private final JdbcTemplate jdbc;
    private final Clock clock;

    JdbcPushStateStore(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @Override
    public void record(String origin, long storedSize, String cosignedNote) {
        jdbc.update(
                "INSERT INTO federation_push_state (origin, stored_size, cosigned_note, updated_at)"
                        + " VALUES (?, ?, ?, ?) ON CONFLICT (origin) DO UPDATE SET stored_size = EXCLUDED.stored_size,"
                        + " cosigned_note = EXCLUDED.cosigned_note, updated_at = EXCLUDED.updated_at",
                origin,
                storedSize,
                cosignedNote,
                OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC));
    }
}
