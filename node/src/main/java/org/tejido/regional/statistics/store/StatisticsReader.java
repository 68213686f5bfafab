package org.tejido.regional.statistics.store;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;
import org.tejido.ledger.note.Checkpoint;
import org.tejido.ledger.note.NoteException;
import org.tejido.ledger.note.SignedNote;
import org.tejido.platform.problem.Rejection;
import org.tejido.regional.statistics.StatisticsRecord;

/**
 * Reads a {@link StatisticsSnapshot}: the current records and the checkpoints they correspond to, in one
 * read-only, repeatable-read transaction. The intake writes a batch's content, its statistics rows and the
 * origin's checkpoint in one transaction, so within one snapshot the records of an origin are exactly
 * those of its log at the checkpoint read beside them.
 */
@Component
public class StatisticsReader {
    /** Rows fetched per round trip: a million records are streamed into records, never held as rows too. */
    static final int FETCH = 5_000;

    private static final Pattern YEAR = Pattern.compile("[0-9]{4}");
    private static final String CURRENT = "SELECT " + StatisticsRows.COLUMNS + " FROM (SELECT DISTINCT ON"
            + " (origin, target_id) " + StatisticsRows.COLUMNS + " FROM regional_statistics"
            + " ORDER BY origin, target_id, log_index DESC) current";
    // The year of the current entry: an amendment may move a record to another year.
    private static final String CURRENT_OF_YEAR = CURRENT + " WHERE left(period, 4) = ?";
    private static final String ORDER = " ORDER BY origin, target_id";
    // The records of a year as they stood at given tree sizes: entries with content below each size.
    private static final String AS_OF = "SELECT " + StatisticsRows.COLUMNS + " FROM (SELECT DISTINCT ON"
            + " (origin, target_id) " + StatisticsRows.COLUMNS + " FROM regional_statistics"
            + " JOIN (SELECT unnest(?::text[]) AS k_origin, unnest(?::bigint[]) AS k_size) k"
            + " ON k.k_origin = origin AND log_index < k.k_size"
            + " ORDER BY origin, target_id, log_index DESC) then_current WHERE left(period, 4) = ?";
    private static final String ORIGINS = "SELECT coalesce(s.origin, e.origin) AS origin, s.stored_size,"
            + " s.checkpoint_note, s.updated_at, s.equivocation_detected_at"
            + " FROM regional_log_state s FULL JOIN enrolled_node e ON e.origin = s.origin ORDER BY 1";

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;
    private final Clock clock;
    private final Duration staleAfter;

    StatisticsReader(
            DataSource dataSource,
            PlatformTransactionManager transactions,
            Clock clock,
            @Value("${tejido.statistics.stale-after}") Duration staleAfter) {
        this.jdbc = new JdbcTemplate(dataSource);
        jdbc.setFetchSize(FETCH);
        this.transaction = new TransactionTemplate(transactions);
        transaction.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
        transaction.setReadOnly(true);
        this.clock = clock;
        this.staleAfter = staleAfter;
    }

    /**
     * @param year {@code YYYY} for the records of that year only (by the period of their current entry)
     * @throws Rejection {@code request.invalid-parameter} when the year is not four digits
     */
    public StatisticsSnapshot read(Optional<String> year) {
        if (year.isPresent() && !YEAR.matcher(year.get()).matches()) {
            throw Rejection.malformed("request.invalid-parameter", "year");
        }
        return transaction.execute(status -> {
            Instant now = clock.instant();
            List<OriginFreshness> origins = jdbc.query(ORIGINS, (rs, n) -> freshness(rs, now));
            List<StatisticsRecord> records = new ArrayList<>();
            if (year.isPresent()) {
                jdbc.query(
                        CURRENT_OF_YEAR + ORDER,
                        rs -> {
                            records.add(record(rs));
                        },
                        year.get());
            } else {
                jdbc.query(CURRENT + ORDER, rs -> {
                    records.add(record(rs));
                });
            }
            return new StatisticsSnapshot(now, year, origins, records);
        });
    }

    /** How old an origin's last checkpoint may be before it is stale ({@code tejido.statistics.stale-after}). */
    public Duration staleAfter() {
        return staleAfter;
    }

    /**
     * What the current records depend on, as one text: each origin with the size of its log the
     * aggregator stored. A log only grows (a fork is refused), and its content and statistics rows change
     * in the transaction that stores its entries, so equal texts mean equal records. One row per origin:
     * no count over the records, however many there are.
     */
    public String recordsVersion() {
        StringBuilder key = new StringBuilder();
        jdbc.query("SELECT origin, stored_size FROM regional_log_state ORDER BY origin", rs -> {
            key.append(rs.getString(1)).append('@').append(rs.getLong(2)).append('/');
        });
        return key.toString();
    }

    /**
     * Per origin, how many entries of its log the statistics hold (shares and amendments not retracted):
     * a count over every record, so only where it is shown ({@code /api/statistics/freshness}).
     */
    public Map<String, Long> recordsPerOrigin() {
        Map<String, Long> counts = new TreeMap<>();
        jdbc.query("SELECT origin, count(*) FROM regional_statistics GROUP BY origin", rs -> {
            counts.put(rs.getString(1), rs.getLong(2));
        });
        return counts;
    }

    /** Every origin's freshness, for people and for the record of a release. */
    public List<OriginFreshness> freshness() {
        return transaction.execute(status -> {
            Instant now = clock.instant();
            return jdbc.query(ORIGINS, (rs, n) -> freshness(rs, now));
        });
    }

    /**
     * A year's snapshot and, in the same transaction, the records of that year as they stood at each of
     * {@code earlier} (per origin, a tree size: the latest entry with content below it, of that year then).
     */
    public ReleaseInput readForRelease(String year, List<Map<String, Long>> earlier) {
        if (!YEAR.matcher(year).matches()) {
            throw Rejection.malformed("request.invalid-parameter", "year");
        }
        return transaction.execute(status -> {
            Instant now = clock.instant();
            List<OriginFreshness> origins = jdbc.query(ORIGINS, (rs, n) -> freshness(rs, now));
            List<StatisticsRecord> records = new ArrayList<>();
            jdbc.query(
                    CURRENT_OF_YEAR + ORDER,
                    rs -> {
                        records.add(record(rs));
                    },
                    year);
            List<List<StatisticsRecord>> asOf = new ArrayList<>();
            for (Map<String, Long> sizes : earlier) {
                List<StatisticsRecord> then = new ArrayList<>();
                String[] names = sizes.keySet().toArray(String[]::new);
                Long[] bounds = Arrays.stream(names).map(sizes::get).toArray(Long[]::new);
                jdbc.query(
                        AS_OF + ORDER,
                        rs -> {
                            then.add(record(rs));
                        },
                        names,
                        bounds,
                        year);
                asOf.add(then);
            }
            return new ReleaseInput(new StatisticsSnapshot(now, Optional.of(year), origins, records), asOf);
        });
    }

    /** A release's input: the snapshot, and the same year's records as each earlier release counted them. */
    public record ReleaseInput(StatisticsSnapshot snapshot, List<List<StatisticsRecord>> asOfEarlier) {}

    private OriginFreshness freshness(ResultSet rs, Instant now) throws SQLException {
        String origin = rs.getString("origin");
        String note = rs.getString("checkpoint_note");
        Optional<OriginFreshness.AcceptedCheckpoint> checkpoint = Optional.empty();
        Optional<Duration> age = Optional.empty();
        if (note != null) {
            Instant acceptedAt = rs.getTimestamp("updated_at").toInstant();
            checkpoint = Optional.of(new OriginFreshness.AcceptedCheckpoint(
                    rs.getLong("stored_size"), rootHex(note, origin), acceptedAt));
            age = Optional.of(Duration.between(acceptedAt, now));
        }
        Timestamp equivocation = rs.getTimestamp("equivocation_detected_at");
        boolean stale = age.map(a -> a.compareTo(staleAfter) > 0).orElse(true);
        return new OriginFreshness(
                origin, checkpoint, age, Optional.ofNullable(equivocation).map(Timestamp::toInstant), stale);
    }

    /** The root of a checkpoint the intake verified before storing it: one that no longer parses is a bug. */
    private static String rootHex(String note, String origin) {
        try {
            return HexFormat.of()
                    .formatHex(Checkpoint.parse(SignedNote.parse(note).text()).rootHash());
        } catch (NoteException e) {
            throw new IllegalStateException(
                    "statistics: the stored checkpoint of " + origin + " no longer parses: "
                            + e.failure().code(),
                    e);
        }
    }

    private static StatisticsRecord record(ResultSet rs) throws SQLException {
        String origin = rs.getString(1);
        UUID target = rs.getObject(3, UUID.class);
        String[] perpetrators = texts(rs.getArray(10));
        String[] involvements = texts(rs.getArray(11));
        List<StatisticsRecord.Perpetrator> pairs = new ArrayList<>(perpetrators.length);
        for (int i = 0; i < perpetrators.length; i++) {
            pairs.add(new StatisticsRecord.Perpetrator(perpetrators[i], involvements[i]));
        }
        return new StatisticsRecord(
                origin,
                StatisticsContent.hex(target),
                rs.getLong(2),
                rs.getString(4),
                rs.getString(5),
                rs.getString(6),
                rs.getString(7),
                rs.getString(8),
                set(rs.getArray(9)),
                pairs,
                set(rs.getArray(12)),
                set(rs.getArray(13)),
                set(rs.getArray(14)),
                Optional.ofNullable(rs.getString(15)));
    }

    private static String[] texts(Array array) throws SQLException {
        return (String[]) array.getArray();
    }

    private static TreeSet<String> set(Array array) throws SQLException {
        return new TreeSet<>(Arrays.asList(texts(array)));
    }
}
