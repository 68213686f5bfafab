package org.tejido.regional.statistics.release;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import javax.sql.DataSource;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.tejido.ledger.note.NoteException;
import org.tejido.ledger.note.SignedNote;
import org.tejido.platform.problem.Rejection;
import org.tejido.regional.statistics.catalogue.Catalogue;
import org.tejido.regional.statistics.catalogue.Header;
import org.tejido.regional.statistics.catalogue.ProtectedRelease;
import org.tejido.regional.statistics.disclosure.DisclosureControl;
import org.tejido.regional.statistics.disclosure.Parameters;
import org.tejido.regional.statistics.disclosure.UnprotectableRelease;
import org.tejido.regional.statistics.store.OriginFreshness;
import org.tejido.regional.statistics.store.StatisticsReader;
import org.tejido.vocabulary.Vocabulary;

/**
 * Publishing releases and computing the provisional view, through the one computation
 * ({@link ReleaseComputation}): a year's records, protected knowing what the year's earlier releases
 * published. A release is stored once, signed, and never changed; the provisional view is computed on
 * demand and cached until an origin's checkpoint or the year's releases change.
 */
@Component
public class Releases {
    /** Provisional views kept: a few years and parameter choices. */
    private static final int CACHED = 8;

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;
    private final StatisticsReader reader;
    private final ReleaseSigner signer;
    private final Catalogue catalogue;
    private final Clock clock;
    private final Parameters floor;
    private final List<Header> countries;
    private final ObjectMapper json;
    private final Map<String, ProtectedRelease> cache = new LinkedHashMap<>(CACHED, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, ProtectedRelease> eldest) {
            return size() > CACHED;
        }
    };

    Releases(
            DataSource dataSource,
            PlatformTransactionManager transactions,
            StatisticsReader reader,
            ReleaseSigner signer,
            Vocabulary vocabulary,
            ObjectMapper json,
            Clock clock,
            @Value("${tejido.statistics.threshold:5}") int threshold,
            @Value("${tejido.statistics.min-width:5}") int minWidth) {
        this.jdbc = new JdbcTemplate(dataSource);
        this.transaction = new TransactionTemplate(transactions);
        this.reader = reader;
        this.signer = signer;
        this.catalogue = new Catalogue(vocabulary);
        this.json = json;
        this.clock = clock;
        this.floor = new Parameters(threshold, minWidth);
        this.countries = catalogue.countries();
    }

    /** The countries of the catalogue's tables (what a filter by country may name). */
    public List<Header> countries() {
        return countries;
    }

    /**
     * The aggregator's T and W ({@code tejido.statistics.threshold}, {@code tejido.statistics.min-width}):
     * what the provisional view uses, and the least a release may ask for.
     */
    public Parameters floor() {
        return floor;
    }

    /**
     * Publishes the next release of {@code year}: computed, signed and stored in one transaction that
     * holds the year's lock, so two releases of one year are never computed against each other's absence.
     *
     * @throws Rejection {@code statistics.unprotectable} (409) when the tables cannot be protected
     */
    public StoredRelease publish(int year, Parameters parameters) {
        String period = period(year);
        return transaction.execute(status -> {
            jdbc.queryForObject("SELECT pg_advisory_xact_lock(hashtext('tejido-release/' || ?))", Object.class, period);
            List<StoredRelease> earlier = list(period);
            Computed computed = compute(year, parameters, earlier);
            byte[] content = computed.release().canonicalJson();
            List<ReleaseNote.Source> sources = new ArrayList<>();
            for (OriginFreshness o : computed.origins()) {
                o.checkpoint()
                        .ifPresent(c -> sources.add(new ReleaseNote.Source(
                                o.origin(), c.size(), HexFormat.of().parseHex(c.rootHashHex()))));
            }
            Instant now = clock.instant();
            int number = earlier.size() + 1;
            ReleaseNote note = new ReleaseNote(
                    signer.name(),
                    period,
                    number,
                    DisclosureControl.ALGORITHM,
                    parameters,
                    now,
                    sha256(content),
                    sources);
            byte[] signed = signer.sign(note).toBytes();
            jdbc.update(
                    "INSERT INTO regional_release (period, number, note, content, published_at) VALUES (?, ?, ?, ?, ?)",
                    period,
                    number,
                    signed,
                    content,
                    java.sql.Timestamp.from(now));
            return new StoredRelease(period, number, signed, content, now);
        });
    }

    /** The protected provisional view of a year, of the same kind as a release; cached. */
    public ProtectedRelease provisional(int year, Parameters parameters) {
        String period = period(year);
        List<StoredRelease> earlier = list(period);
        String key = period + "/" + parameters + "/" + earlier.size() + "/" + reader.recordsVersion();
        synchronized (cache) {
            ProtectedRelease cached = cache.get(key);
            if (cached != null) {
                return cached;
            }
        }
        ProtectedRelease computed = compute(year, parameters, earlier).release();
        synchronized (cache) {
            cache.put(key, computed);
        }
        return computed;
    }

    private static final String SELECT = "SELECT period, number, note, content, published_at FROM regional_release";
    private static final RowMapper<StoredRelease> STORED = (rs, n) -> new StoredRelease(
            rs.getString(1).trim(),
            rs.getInt(2),
            rs.getBytes(3),
            rs.getBytes(4),
            rs.getTimestamp(5).toInstant());

    /** The year's releases, in number order. */
    public List<StoredRelease> list(String period) {
        return jdbc.query(SELECT + " WHERE period = ? ORDER BY number", STORED, period);
    }

    /** Every release, by period then number. */
    public List<StoredRelease> all() {
        return jdbc.query(SELECT + " ORDER BY period, number", STORED);
    }

    public Optional<StoredRelease> find(int year, int number) {
        return list(period(year)).stream().filter(r -> r.number() == number).findFirst();
    }

    private record Computed(ProtectedRelease release, List<OriginFreshness> origins) {}

    private Computed compute(int year, Parameters parameters, List<StoredRelease> stored) {
        List<EarlierRelease> earlier = new ArrayList<>();
        for (StoredRelease r : stored) {
            earlier.add(earlier(r));
        }
        List<Map<String, Long>> sizes =
                earlier.stream().map(EarlierRelease::sizes).toList();
        StatisticsReader.ReleaseInput input = reader.readForRelease(period(year), sizes);
        try {
            ProtectedRelease release = ReleaseComputation.protect(
                    catalogue, year, input.snapshot().records(), earlier, input.asOfEarlier(), parameters);
            return new Computed(release, input.snapshot().origins());
        } catch (UnprotectableRelease e) {
            throw Rejection.conflict("statistics.unprotectable");
        }
    }

    private EarlierRelease earlier(StoredRelease r) {
        try {
            ReleaseNote note = ReleaseNote.parse(SignedNote.parse(r.note()).text());
            Map<String, Long> sizes = new TreeMap<>();
            note.sources().forEach(s -> sizes.put(s.origin(), s.treeSize()));
            Set<String> published = new HashSet<>();
            JsonNode root = json.readTree(new String(r.content(), StandardCharsets.UTF_8));
            for (JsonNode table : root.path("tables")) {
                for (JsonNode cell : table.path("cells")) {
                    if (cell.has("value")) {
                        published.add(cell.path("id").asText());
                    }
                }
            }
            return new EarlierRelease(note.number(), sizes, published);
        } catch (NoteException | IOException e) {
            throw new IllegalStateException("a stored release no longer parses: " + r.period() + "/" + r.number(), e);
        }
    }

    static String period(int year) {
        if (year < 1000 || year > 9999) {
            throw Rejection.malformed("statistics.invalid-year");
        }
        return Integer.toString(year);
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
