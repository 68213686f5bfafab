package org.tejido.regional.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.tejido.ledger.leaf.LeafKind;
import org.tejido.platform.pki.FederationCa;
import org.tejido.platform.pki.TlsIdentity;
import org.tejido.support.TestDatabase;
import org.tejido.support.TestDirectories;
import org.tejido.support.TestNodes;

/**
 * {@code regional_record}, what each origin shares now, on the aggregator's real database: a view of the
 * content the intake keeps (ADR 0022), so storing and deleting content is all that changes it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RegionalRecordsIT {
    private static final String ORIGIN = "mx.example.org/MX/v1";

    private ConfigurableApplicationContext aggregator;
    private JdbcTemplate jdbc;
    private IntakeStore store;

    @BeforeAll
    void startTheAggregator() throws Exception {
        Path pki = TestDirectories.create("records-pki-");
        FederationCa ca = FederationCa.create(Files.createDirectories(pki.resolve("ca")), "Records test CA");
        Path tls = Files.createDirectories(pki.resolve("aggregator"));
        TlsIdentity.create(tls, ca, "aggregator", FederationCa.Purpose.AGGREGATOR, Duration.ofDays(1), List.of());
        aggregator = TestNodes.startAggregator(TestDatabase.fresh(), tls, "--tejido.node.domain=regional.test");
        jdbc = aggregator.getBean(JdbcTemplate.class);
        store = aggregator.getBean(IntakeStore.class);
    }

    @AfterAll
    void stopTheAggregator() {
        if (aggregator != null) {
            aggregator.close();
        }
    }

    @Test
    void aRecordSharedAndAmendedIsSharedAtItsLatestEntryWithThatEntrysScope() {
        // given the content of a share and of its amendment, kept by the intake
        UUID target = UUID.randomUUID();
        long first = nextIndex();
        keep(content(first, target, "statistics"), content(first + 1, target, "case"));

        // then one record, at the amendment
        List<Map<String, Object>> records = records(target);
        assertThat(records).hasSize(1);
        assertThat(records.get(0)).containsEntry("last_index", first + 1).containsEntry("scope", "case");
    }

    @Test
    void keptContentIsStoredByteForByteWithItsRecordKindAndScope() {
        // given content with characters beyond ASCII, beside a share and an amendment
        UUID target = UUID.fromString("0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0");
        long first = nextIndex();
        byte[] share = share("public", "ñ\u00ff").getBytes(StandardCharsets.UTF_8);
        byte[] salt = new byte[32];
        for (int i = 0; i < salt.length; i++) {
            salt[i] = (byte) (255 - i * 7);
        }
        store.keepContent(
                ORIGIN,
                List.of(
                        new BatchOutcome.Content(first, target, 1, share, salt, "public"),
                        new BatchOutcome.Content(first + 1, target, 2, share, salt, "public")));

        // then each row holds exactly what was kept
        List<Map<String, Object>> rows = jdbc.queryForList(
                "SELECT origin, log_index, target_id, kind, payload, salt, scope FROM regional_payload"
                        + " WHERE origin = ? AND log_index >= ? ORDER BY log_index",
                ORIGIN,
                first);
        assertThat(rows).hasSize(2);
        for (int i = 0; i < 2; i++) {
            Map<String, Object> row = rows.get(i);
            assertThat(row)
                    .containsEntry("origin", ORIGIN)
                    .containsEntry("log_index", first + i)
                    .containsEntry("target_id", target)
                    .containsEntry("kind", i + 1)
                    .containsEntry("scope", "public");
            assertThat((byte[]) row.get("payload")).isEqualTo(share);
            assertThat((byte[]) row.get("salt")).isEqualTo(salt);
        }
    }

    @Test
    void aRecordWhoseContentIsDeletedIsNoLongerSharedAndOthersStay() {
        // given two records shared, the first one shared and amended
        UUID retracted = UUID.randomUUID();
        UUID kept = UUID.randomUUID();
        long first = nextIndex();
        keep(
                content(first, retracted, "case"),
                content(first + 1, kept, "public"),
                content(first + 2, retracted, "case"));

        // when a retraction deletes the content of every entry about the first one
        store.deleteContent(ORIGIN, List.of(first, first + 2));

        // then only the other record is shared
        assertThat(records(retracted)).isEmpty();
        assertThat(records(kept))
                .singleElement()
                .satisfies(r ->
                        assertThat(r).containsEntry("last_index", first + 1).containsEntry("scope", "public"));
    }

    private List<Map<String, Object>> records(UUID target) {
        return jdbc.queryForList(
                "SELECT last_index, scope FROM regional_record WHERE origin = ? AND target_id = ?", ORIGIN, target);
    }

    private void keep(BatchOutcome.Content... content) {
        store.keepContent(ORIGIN, List.of(content));
    }

    /**
     * Content as the intake keeps it: a share of {@code scope} within the allow-list (the statistics store
     * beside it reads every kept share, ADR 0034), with the scope BatchVerifier.prepare read from it on
     * arrival (ShareContent.check; BatchVerifierTest): the store keeps the scope it is given.
     */
    private static BatchOutcome.Content content(long index, UUID target, String scope) {
        byte[] bytes = share(scope, "Nombre").getBytes(StandardCharsets.UTF_8);
        assertThat(ShareContent.check(LeafKind.SHARED, bytes))
                .isEqualTo(new ShareContent.Checked.Allowed(java.util.Optional.of(scope)));
        return new BatchOutcome.Content(index, target, 1, bytes, new byte[32], scope);
    }

    /** A share of {@code scope} as a national node writes it (version 1), naming {@code publicName} if public. */
    private static String share(String scope, String publicName) {
        String statistics = "{\"aggressionTypes\":[\"death-threat\"],\"country\":\"MX\",\"genderElements\":[],"
                + "\"period\":\"2024-03\",\"perpetrators\":[],\"rightsDefended\":[],\"subdivision\":null,"
                + "\"targetKind\":\"defender\",\"verificationStatus\":\"verified\"}";
        String caseShare = "{\"caseId\":\"case-" + "ab".repeat(16) + "\",\"occurredOn\":\"2024-03-15\","
                + "\"statistics\":" + statistics + ",\"summary\":null}";
        String share = switch (scope) {
            case "statistics" -> statistics;
            case "case" -> caseShare;
            default -> "{\"caseShare\":" + caseShare + ",\"publicName\":\"" + publicName + "\",\"publicSummary\":null}";
        };
        return "{\"scope\":\"" + scope + "\",\"share\":" + share + "}";
    }

    private long nextIndex() {
        Long max =
                jdbc.queryForObject("SELECT max(log_index) FROM regional_payload WHERE origin = ?", Long.class, ORIGIN);
        return max == null ? 0 : max + 1;
    }
}
