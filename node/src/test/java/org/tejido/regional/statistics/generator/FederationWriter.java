package org.tejido.regional.statistics.generator;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.context.ApplicationContext;
import org.tejido.regional.enrollment.Enrollments;
import org.tejido.regional.intake.IntakeDriver;

/**
 * Writes a synthetic federation into a running aggregator as signed logs, through its real intake
 * ({@link IntakeDriver}: each batch signed, verified and stored as the gRPC endpoint does after TLS).
 * Each origin is enrolled at its first entry, as an operator does with {@code nodes enroll}; the origins
 * push in turn, {@code entriesPerPush} entries at a time (batches of at most 256, one command), as nodes
 * pushing side by side. Writing a second federation with the same origins continues their logs.
 */
public final class FederationWriter {
    private final ApplicationContext aggregator;
    private final int entriesPerPush;
    private final Map<String, IntakeDriver> drivers = new LinkedHashMap<>();

    public FederationWriter(ApplicationContext aggregator, int entriesPerPush) {
        if (entriesPerPush < 1) {
            throw new IllegalArgumentException("at least one entry per push");
        }
        this.aggregator = aggregator;
        this.entriesPerPush = entriesPerPush;
    }

    /** What a write did: entries pushed, pushes made, and the time taken (enrollment included). */
    public record Written(long entries, long pushes, double seconds) {
        public double entriesPerSecond() {
            return entries / seconds;
        }
    }

    public Written write(SyntheticFederation federation) {
        long started = System.nanoTime();
        List<Cursor> cursors = new ArrayList<>();
        for (SyntheticOrigin origin : federation.origins()) {
            cursors.add(new Cursor(driver(origin.origin()), origin.entries()));
        }
        long entries = 0;
        long pushes = 0;
        boolean more = true;
        while (more) {
            more = false;
            for (Cursor cursor : cursors) {
                int pushed = cursor.pushNext(entriesPerPush);
                if (pushed > 0) {
                    entries += pushed;
                    pushes++;
                    more = true;
                }
            }
        }
        return new Written(entries, pushes, (System.nanoTime() - started) / 1e9);
    }

    /** The origin's log as pushed so far, enrolled at the aggregator on first use. */
    public IntakeDriver driver(String origin) {
        return drivers.computeIfAbsent(origin, this::enroll);
    }

    private IntakeDriver enroll(String origin) {
        byte[] digest = sha256(origin);
        // The log's signing key is seeded by this byte: distinct origins get distinct keys.
        IntakeDriver driver = new IntakeDriver(aggregator, origin, 1 + (digest[0] & 0x7F) + drivers.size());
        aggregator
                .getBean(Enrollments.class)
                .enroll(origin, "sha256:" + HexFormat.of().formatHex(digest), driver.logKey());
        return driver;
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static final class Cursor {
        private final IntakeDriver driver;
        private final List<SyntheticEntry> entries;
        private int next;

        Cursor(IntakeDriver driver, List<SyntheticEntry> entries) {
            this.driver = driver;
            this.entries = entries;
        }

        /** Appends up to {@code n} entries and pushes them; the number pushed, 0 when the log is done. */
        int pushNext(int n) {
            int end = Math.min(entries.size(), next + n);
            for (int i = next; i < end; i++) {
                SyntheticEntry e = entries.get(i);
                switch (e.kind()) {
                    case SHARE -> driver.share(e.record(), e.content());
                    case AMEND -> driver.amend(e.record(), e.content());
                    case REVOKE -> driver.revoke(e.record());
                }
            }
            int pushed = end - next;
            next = end;
            if (pushed > 0) {
                driver.pushInBatches();
            }
            return pushed;
        }
    }
}
