package org.tejido.regional.statistics.store;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.tejido.regional.statistics.StatisticsRecord;

/**
 * What the statistics are computed from, read in one repeatable-read transaction: the records each
 * origin shares now and, per origin, the checkpoint they correspond to, so that a release can name exactly
 * what it counted.
 *
 * @param readAt when it was read (the freshness of each origin is as of this instant)
 * @param year the year asked for ({@code YYYY}), or empty for every record
 * @param origins every enrolled origin and every origin that stored entries, by origin
 * @param records the current record of every shared record (of that year, when asked), by origin and
 *     target id
 */
public record StatisticsSnapshot(
        Instant readAt, Optional<String> year, List<OriginFreshness> origins, List<StatisticsRecord> records) {
    public StatisticsSnapshot {
        origins = List.copyOf(origins);
        records = List.copyOf(records);
    }
}
