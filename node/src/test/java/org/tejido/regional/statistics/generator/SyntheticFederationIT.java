package org.tejido.regional.statistics.generator;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.tejido.platform.pki.FederationCa;
import org.tejido.platform.pki.TlsIdentity;
import org.tejido.regional.statistics.StatisticsRecord;
import org.tejido.regional.statistics.store.StatisticsReader;
import org.tejido.support.TestDatabase;
import org.tejido.support.TestDirectories;
import org.tejido.support.TestNodes;

/**
 * A small synthetic federation written as signed logs into a real aggregator, through its real intake:
 * the statistics store then holds exactly the generator's current records, per origin.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SyntheticFederationIT {
    private ConfigurableApplicationContext aggregator;

    @BeforeAll
    void startTheAggregator() throws Exception {
        Path pki = TestDirectories.create("synthetic-pki-");
        FederationCa ca = FederationCa.create(Files.createDirectories(pki.resolve("ca")), "Synthetic test CA");
        Path tls = Files.createDirectories(pki.resolve("aggregator"));
        TlsIdentity.create(tls, ca, "aggregator", FederationCa.Purpose.AGGREGATOR, Duration.ofDays(1), List.of());
        aggregator = TestNodes.startAggregator(TestDatabase.fresh(), tls, "--tejido.node.domain=regional.test");
    }

    @AfterAll
    void stopTheAggregator() {
        if (aggregator != null) {
            aggregator.close();
        }
    }

    @Test
    void theStatisticsStoreHoldsExactlyTheGeneratedRecordsOfEachOrigin() {
        // given three countries of about 200 attacks each (skewed), with amendments and revocations
        SyntheticFederation federation = SyntheticFederation.generate(SyntheticFederation.Settings.defaults(23)
                .withCountries(List.of("MX", "GT", "HN"))
                .withAttacksPerYear(600)
                .withYears(2025, 1));
        assertThat(federation.origins()).allSatisfy(o -> {
            assertThat(o.count(SyntheticEntry.Kind.AMEND) + o.count(SyntheticEntry.Kind.REVOKE))
                    .isPositive();
        });
        assertThat(federation.origins().stream()
                        .mapToLong(o -> o.count(SyntheticEntry.Kind.REVOKE))
                        .sum())
                .isPositive();

        // when it is written into the aggregator as signed logs, 100 entries a push
        FederationWriter.Written written = new FederationWriter(aggregator, 100).write(federation);

        // then every entry was stored, and each origin's log at the aggregator is as long as generated
        assertThat(written.entries()).isEqualTo(federation.entries());
        JdbcTemplate jdbc = aggregator.getBean(JdbcTemplate.class);
        for (SyntheticOrigin origin : federation.origins()) {
            assertThat(jdbc.queryForObject(
                            "SELECT stored_size FROM regional_log_state WHERE origin = ?", Long.class, origin.origin()))
                    .isEqualTo(origin.entries().size());
            // and the store's rows are the content kept: revoked records' entries gone
            assertThat(jdbc.queryForObject(
                            "SELECT count(*) FROM regional_statistics WHERE origin = ?", Long.class, origin.origin()))
                    .isEqualTo(origin.contentRows());
        }
        // and the statistics count exactly the records shared and not revoked, per origin, with the
        // latest content's codes
        List<StatisticsRecord> records = aggregator
                .getBean(StatisticsReader.class)
                .read(Optional.empty())
                .records();
        Map<String, Set<String>> byOrigin = records.stream()
                .collect(Collectors.groupingBy(
                        StatisticsRecord::origin, Collectors.mapping(StatisticsRecord::targetId, Collectors.toSet())));
        for (SyntheticOrigin origin : federation.origins()) {
            assertThat(byOrigin.get(origin.origin()))
                    .as(origin.country())
                    .isEqualTo(origin.currentRecords().stream()
                            .map(SyntheticFederationIT::hex)
                            .collect(Collectors.toSet()));
        }
        assertThat(byOrigin.keySet())
                .containsExactlyInAnyOrderElementsOf(federation.origins().stream()
                        .map(SyntheticOrigin::origin)
                        .toList());
        Map<String, SyntheticAttack> latest = latestContent(federation);
        assertThat(records).allSatisfy(r -> {
            SyntheticAttack attack = latest.get(r.targetId());
            assertThat(r.verificationStatus()).isEqualTo(attack.verificationStatus());
            assertThat(r.aggressionTypes()).containsExactlyElementsOf(attack.aggressionTypes());
            assertThat(r.contributors()).containsExactlyElementsOf(attack.contributors());
        });
    }

    private static Map<String, SyntheticAttack> latestContent(SyntheticFederation federation) {
        Map<String, SyntheticAttack> latest = new java.util.HashMap<>();
        federation.origins().stream()
                .flatMap(o -> o.entries().stream())
                .forEach(e -> e.attack().ifPresent(a -> latest.put(hex(e.record()), a)));
        return latest;
    }

    private static String hex(UUID record) {
        return record.toString().replace("-", "");
    }
}
