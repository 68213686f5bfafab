package org.tejido.national.push;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.tejido.national.sharing.LogIdentity;

/**
 * Reads the federation status from what the node keeps: the log and its checkpoints, the aggregator's
 * last confirmation ({@code federation_push_state}, written by the pusher) and the pusher's last
 * failure, which lives in memory only (a restart begins a new round anyway).
 */
@Component
public class FederationStatusReader {
    private final JdbcTemplate jdbc;
    private final LogIdentity identity;
    private final ObjectProvider<LogPusher> pusher;
    private final boolean witnessChecked;

    FederationStatusReader(
            JdbcTemplate jdbc,
            LogIdentity identity,
            ObjectProvider<LogPusher> pusher,
            @Value("${tejido.federation.witness-key:}") String witnessKey) {
        this.jdbc = jdbc;
        this.identity = identity;
        this.pusher = pusher;
        this.witnessChecked = !witnessKey.isBlank();
    }

    public FederationStatus read() {
        LogPusher push = pusher.getIfAvailable();
        long size = jdbc.queryForObject("SELECT coalesce(max(log_index) + 1, 0) FROM federation_entry", Long.class);
        List<Object[]> signed = jdbc.query(
                "SELECT tree_size, signed_at FROM federation_checkpoint ORDER BY tree_size DESC LIMIT 1",
                (rs, n) -> new Object[] {rs.getLong(1), rs.getTimestamp(2)});
        List<Object[]> pushed = jdbc.query(
                "SELECT stored_size, cosigned_note IS NOT NULL, updated_at FROM federation_push_state WHERE origin = ?",
                (rs, n) -> new Object[] {rs.getLong(1), rs.getBoolean(2), rs.getTimestamp(3)},
                identity.origin());
        long pushedSize = pushed.isEmpty() ? -1 : (long) pushed.get(0)[0];
        long sent = Math.max(0, pushedSize);
        long lag = Math.max(0, size - sent);
        Instant oldestUnsent = lag == 0
                ? null
                : jdbc
                        .query(
                                "SELECT appended_at FROM federation_entry WHERE log_index = ?",
                                (rs, n) -> rs.getTimestamp(1).toInstant(),
                                sent)
                        .stream()
                        .findFirst()
                        .orElse(null);
        Optional<LogPusher.Problem> problem = push == null ? Optional.empty() : push.problem();
        return new FederationStatus(
                push != null,
                size,
                signed.isEmpty() ? -1 : (long) signed.get(0)[0],
                signed.isEmpty() ? null : ((Timestamp) signed.get(0)[1]).toInstant(),
                pushedSize,
                pushed.isEmpty() ? null : ((Timestamp) pushed.get(0)[2]).toInstant(),
                !pushed.isEmpty() && (boolean) pushed.get(0)[1],
                witnessChecked,
                lag,
                oldestUnsent,
                problem.map(LogPusher.Problem::label).orElse(null),
                problem.map(LogPusher.Problem::code).orElse(null),
                problem.map(LogPusher.Problem::since).orElse(null));
    }
}
