package org.tejido.regional.statistics.store;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Re-derives {@code regional_statistics} from the content the aggregator keeps ({@code regional_payload}),
 * in one transaction: the table is emptied, every content row is read in key order, a page at a time,
 * read by the intake's own reader and written back by COPY. Content is locked against the intake's writes
 * meanwhile ({@code SHARE}): a batch arriving during a rebuild waits for it, and a statistics read sees
 * the table before or after, never half of it.
 */
@Component
public class StatisticsRebuild {
    /** Content rows read and written per round trip: enough to amortize it, few enough to hold. */
    static final int PAGE = 2_000;

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;

    StatisticsRebuild(
            JdbcTemplate jdbc,
            PlatformTransactionManager transactions,
            @Value("${tejido.statistics.rebuild-timeout}") Duration timeout) {
        this.jdbc = jdbc;
        this.transaction = new TransactionTemplate(transactions);
        // Longer than the intake's transactions may last: this one appends no event (ADR 0030's reason for
        // the limit) and reads every content row there is.
        transaction.setTimeout(Math.toIntExact(Math.max(1, timeout.toSeconds())));
    }

    /** What a rebuild did: the rows written and how long it took, transaction and commit included. */
    public record Result(long entries, Duration took) {
        public double entriesPerSecond() {
            double seconds = took.toNanos() / 1e9;
            return seconds > 0 ? entries / seconds : 0;
        }
    }

    /** Whether the table holds every content row (false after the migration, on a database with content). */
    public boolean built() {
        return Boolean.TRUE.equals(
                jdbc.queryForObject("SELECT built_at IS NOT NULL FROM regional_statistics_build", Boolean.class));
    }

    public Result rebuild() {
        long started = System.nanoTime();
        Long entries = transaction.execute(status -> {
            jdbc.execute("LOCK TABLE regional_payload IN SHARE MODE");
            jdbc.execute("TRUNCATE regional_statistics");
            long written = 0;
            Page page = new Page("", -1);
            while (true) {
                List<StatisticsRows.Row> rows = new ArrayList<>(PAGE);
                page = read(page, rows);
                StatisticsRows.write(jdbc, rows);
                written += rows.size();
                if (rows.size() < PAGE) {
                    break;
                }
            }
            jdbc.update("UPDATE regional_statistics_build SET built_at = now()");
            return written;
        });
        return new Result(entries == null ? 0 : entries, Duration.ofNanos(System.nanoTime() - started));
    }

    /** Where a page ends, in key order. */
    private record Page(String origin, long index) {}

    private Page read(Page after, List<StatisticsRows.Row> rows) {
        Page[] last = {after};
        jdbc.query(
                "SELECT origin, log_index, target_id, payload FROM regional_payload"
                        + " WHERE (origin, log_index) > (?, ?) ORDER BY origin, log_index LIMIT ?",
                rs -> {
                    String origin = rs.getString(1);
                    long index = rs.getLong(2);
                    UUID target = rs.getObject(3, UUID.class);
                    rows.add(new StatisticsRows.Row(
                            target, StatisticsContent.read(origin, target, index, rs.getBytes(4))));
                    last[0] = new Page(origin, index);
                },
                after.origin(),
                after.index(),
                PAGE);
        return last[0];
    }
}
