package org.tejido.regional.records;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.tejido.platform.pki.FederationCa;
import org.tejido.platform.pki.TlsIdentity;
import org.tejido.regional.intake.EntriesStoredEvent;
import org.tejido.regional.intake.EntriesStoredEvent.StoredEntry;
import org.tejido.support.TestDatabase;
import org.tejido.support.TestNodes;

/**
 * The aggregator's record projection on its real database and driver settings: the driver sends a
 * JDBC batch as one multi-row statement, which must not upsert one record twice.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RegionalRecordProjectionIT {
    private static final String ORIGIN = "mx.example.org/MX/v1";

    private ConfigurableApplicationContext aggregator;
    private JdbcTemplate jdbc;

    @BeforeAll
    void startTheAggregator() throws Exception {
        Path pki = Files.createTempDirectory("tejido-records");
        FederationCa ca = FederationCa.create(Files.createDirectories(pki.resolve("ca")), "Records test CA");
        Path tls = Files.createDirectories(pki.resolve("aggregator"));
        TlsIdentity.create(tls, ca, "aggregator", FederationCa.Purpose.AGGREGATOR, Duration.ofDays(1), List.of());
        aggregator = TestNodes.startAggregator(TestDatabase.fresh(), tls, "--tejido.node.domain=regional.test");
        jdbc = aggregator.getBean(JdbcTemplate.class);
    }

    @AfterAll
    void stopTheAggregator() {
        if (aggregator != null) {
            aggregator.close();
        }
    }

    @Test
    void aBatchThatSharesARecordAndAmendsItKeepsTheLaterEntry() {
        // given the content beside two entries about one record, as the intake keeps it
        UUID target = UUID.randomUUID();
        long first = nextIndex();
        content(first, target, 1, "{\"scope\":\"statistics\"}");
        content(first + 1, target, 2, "{\"scope\":\"case\"}");
        EntriesStoredEvent batch = new EntriesStoredEvent(
                ORIGIN,
                first,
                List.of(
                        new StoredEntry(new byte[] {1}, "SHARED", target, true),
                        new StoredEntry(new byte[] {2}, "AMENDED", target, true)));

        // when the projection handles the batch
        aggregator.getBean(RegionalRecordProjection.class).on(batch, Instant.now());

        // then one record, at the amendment
        Map<String, Object> record = jdbc.queryForMap(
                "SELECT last_index, scope FROM regional_record WHERE origin = ? AND target_id = ?", ORIGIN, target);
        assertThat(record).containsEntry("last_index", first + 1).containsEntry("scope", "case");
    }

    private long nextIndex() {
        Long max =
                jdbc.queryForObject("SELECT max(log_index) FROM regional_payload WHERE origin = ?", Long.class, ORIGIN);
        return max == null ? 0 : max + 1;
    }

    private void content(long index, UUID target, int kind, String share) {
        jdbc.update(
                "INSERT INTO regional_payload (origin, log_index, target_id, kind, payload, salt) VALUES (?, ?, ?, ?, ?, ?)",
                ORIGIN,
                index,
                target,
                kind,
                share.getBytes(StandardCharsets.UTF_8),
                new byte[32]);
    }
}
