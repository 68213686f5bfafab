package org.tejido.regional.statistics.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.tejido.platform.pki.FederationCa;
import org.tejido.platform.pki.TlsIdentity;
import org.tejido.platform.problem.Rejection;
import org.tejido.regional.enrollment.Enrollments;
import org.tejido.regional.intake.IntakeDriver;
import org.tejido.regional.statistics.StatisticsRecord;
import org.tejido.support.TestDatabase;
import org.tejido.support.TestDirectories;
import org.tejido.support.TestNodes;

/**
 * The statistics store on a real aggregator (its own PostgreSQL), fed by the real intake: signed batches
 * prepared and stored as the gRPC endpoint does. Each test has origins of its own.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StatisticsStoreIT {
    private ConfigurableApplicationContext aggregator;
    private JdbcTemplate jdbc;
    private StatisticsReader reader;
    private Enrollments enrollments;
    private int nodes;

    @BeforeAll
    void startTheAggregator() throws Exception {
        Path pki = TestDirectories.create("statistics-pki-");
        FederationCa ca = FederationCa.create(Files.createDirectories(pki.resolve("ca")), "Statistics test CA");
        Path tls = Files.createDirectories(pki.resolve("aggregator"));
        TlsIdentity.create(tls, ca, "aggregator", FederationCa.Purpose.AGGREGATOR, Duration.ofDays(1), List.of());
        aggregator = TestNodes.startAggregator(TestDatabase.fresh(), tls, "--tejido.node.domain=regional.test");
        jdbc = aggregator.getBean(JdbcTemplate.class);
        reader = aggregator.getBean(StatisticsReader.class);
        enrollments = aggregator.getBean(Enrollments.class);
    }

    @AfterAll
    void stopTheAggregator() {
        if (aggregator != null) {
            aggregator.close();
        }
    }

    @Test
    void aRecordSharedThenAmendedIsOneRecordWithTheAmendedCodes() {
        // given a record shared, then amended with other codes and scope, in two batches
        IntakeDriver node = node("sv");
        node.share(1, Share.of("statistics").types("defamation")).push();
        node.amend(1, Share.of("case").types("death-threat", "smear-campaign").period("2024-05"))
                .push();

        // then the statistics hold one record: the amendment's codes and scope
        StatisticsRecord record = only(records(node));
        assertThat(record.index()).isEqualTo(1);
        assertThat(record.scope()).isEqualTo("case");
        assertThat(record.aggressionTypes()).containsExactly("death-threat", "smear-campaign");
        assertThat(record.period()).isEqualTo("2024-05");
        assertThat(record.perpetrators()).containsExactly(new StatisticsRecord.Perpetrator("police", "direct"));
        assertThat(record.targetId())
                .isEqualTo(IntakeDriver.recordId(1).toString().replace("-", ""));
        assertThat(rowsOf(node)).as("one row per entry with content").isEqualTo(2);
    }

    @Test
    void aRetractionRemovesTheRecordAndOnlyIt() {
        // given two records shared, the first amended
        IntakeDriver node = node("hn");
        node.share(1, Share.of("statistics"))
                .share(2, Share.of("statistics").types("defamation"))
                .amend(1, Share.of("statistics"))
                .push();

        // when the node retracts the first (consent revoked)
        node.revoke(1).push();

        // then only the second is counted, and no row of the first is left
        assertThat(records(node))
                .singleElement()
                .satisfies(r -> assertThat(r.aggressionTypes()).containsExactly("defamation"));
        assertThat(rowsOf(node)).isEqualTo(1);
    }

    @Test
    void anErasureAtTheSourceRemovesTheRecord() {
        // given a record shared and amended
        IntakeDriver node = node("ni");
        node.share(3, Share.of("public")).push();
        node.amend(3, Share.of("public").publicName("Berta")).push();
        assertThat(only(records(node)).publicName()).contains("Berta");

        // when the node reports it erased (its subject was erased there)
        node.erase(3).push();

        // then it is counted no more
        assertThat(records(node)).isEmpty();
        assertThat(rowsOf(node)).isZero();
    }

    @Test
    void versionOneContentIsAboutTheOriginsSingleWorstCaseContributor() {
        // given two records shared by a node that writes version 1 (no contributors)
        IntakeDriver node = node("gt");
        node.share(1, Share.of("statistics")).share(2, Share.of("case")).push();

        // then both are taken to be about one and the same person: v1:<origin>
        assertThat(records(node))
                .hasSize(2)
                .allSatisfy(r -> assertThat(r.contributors()).containsExactly("v1:" + node.origin()));
    }

    /**
     * Version-2 content is kept through the intake's own store (what BatchIntake calls once a batch passed
     * its checks), so that this test does not depend on which versions the receiver's allow-list accepts.
     */
    @Test
    void versionTwoContentIsAboutItsContributorsAndGoesWithItsContent() {
        // given a record shared and amended in version 2, and another one
        String origin = "v2.example.org/MX/v1";
        IntakeDriver.keep(
                aggregator,
                origin,
                0,
                IntakeDriver.recordId(1),
                Share.v2("statistics").contributors(A).toString(),
                "statistics");
        IntakeDriver.keep(
                aggregator,
                origin,
                1,
                IntakeDriver.recordId(2),
                Share.v2("case").contributors(B).toString(),
                "case");
        IntakeDriver.keep(
                aggregator,
                origin,
                2,
                IntakeDriver.recordId(1),
                Share.v2("public").contributors(A, B).toString(),
                "public");

        // then each current record is about its own contributors
        assertThat(recordsOf(origin))
                .extracting(StatisticsRecord::index, StatisticsRecord::contributors)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple(2L, new java.util.TreeSet<>(List.of(A, B))),
                        org.assertj.core.groups.Tuple.tuple(1L, new java.util.TreeSet<>(List.of(B))));

        // and when the first record's content is deleted, as a retraction does, it is counted no more
        IntakeDriver.delete(aggregator, origin, List.of(0L, 2L));
        assertThat(recordsOf(origin))
                .singleElement()
                .satisfies(r -> assertThat(r.index()).isEqualTo(1));
    }

    @Test
    void aYearHoldsTheRecordsWhoseCurrentEntryIsOfThatYear() {
        // given a record moved from 2023 to 2024 by an amendment, and one of 2023 known to the year only
        IntakeDriver node = node("cr");
        node.share(1, Share.of("statistics").period("2023-11"))
                .share(2, Share.of("statistics").period("2023"))
                .amend(1, Share.of("statistics").period("2024-01"))
                .push();

        // then 2023 counts the second only, 2024 the first only
        assertThat(reader.read(Optional.of("2023")).records().stream()
                        .filter(r -> r.origin().equals(node.origin()))
                        .map(StatisticsRecord::period))
                .containsExactly("2023");
        assertThat(reader.read(Optional.of("2024")).records().stream()
                        .filter(r -> r.origin().equals(node.origin()))
                        .map(StatisticsRecord::period))
                .containsExactly("2024-01");
        assertThatThrownBy(() -> reader.read(Optional.of("24")))
                .isInstanceOf(Rejection.class)
                .extracting(e -> ((Rejection) e).code())
                .isEqualTo("request.invalid-parameter");
    }

    @Test
    void aRebuildGivesExactlyTheRowsTheIntakeWrote() {
        // given records shared, amended and retracted by two nodes in several batches, and version-2 content
        IntakeDriver one = node("pa");
        IntakeDriver two = node("bz");
        one.share(1, Share.of("statistics"))
                .share(2, Share.of("public").publicName("Nombre"))
                .push();
        two.share(1, Share.of("case").types("judicial-harassment")).push();
        one.amend(1, Share.of("public").publicName("Otro nombre"))
                .revoke(2)
                .share(4, Share.of("statistics").period("2022"))
                .push();
        IntakeDriver.keep(
                aggregator,
                "v2-rebuild.example.org/MX/v1",
                0,
                IntakeDriver.recordId(9),
                Share.v2("case").contributors(A, B).toString(),
                "case");
        List<Map<String, Object>> written = allRows();
        List<StatisticsRecord> read = reader.read(Optional.empty()).records();

        // when the store is rebuilt from the stored content
        StatisticsRebuild.Result result =
                aggregator.getBean(StatisticsRebuild.class).rebuild();

        // then the table holds the same rows, and reads the same records
        assertThat(result.entries()).isEqualTo(written.size());
        assertThat(allRows()).isEqualTo(written);
        assertThat(reader.read(Optional.empty()).records()).isEqualTo(read);
        assertThat(aggregator.getBean(StatisticsRebuild.class).built()).isTrue();
    }

    @Test
    void aStoreLeftUnbuiltByTheMigrationIsFilledAtStartAndByTheCommand() {
        // given content stored, and the table empty and marked unbuilt, as V23 leaves a database with content
        IntakeDriver node = node("mq");
        node.share(1, Share.of("statistics")).share(2, Share.of("case")).push();
        List<Map<String, Object>> written = allRows();
        jdbc.execute("TRUNCATE regional_statistics");
        jdbc.update("UPDATE regional_statistics_build SET built_at = NULL");

        // when the aggregator's start-up check runs
        aggregator.getBean(RebuildWhenUnbuilt.class).afterSingletonsInstantiated();

        // then the table holds every row again
        assertThat(allRows()).isEqualTo(written);
        assertThat(aggregator.getBean(StatisticsRebuild.class).built()).isTrue();

        // and the operators' command rebuilds it too, saying how many entries at what rate
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
        int status = aggregator
                .getBean(StatisticsCli.class)
                .execute(
                        new String[] {"statistics", "rebuild"},
                        new java.io.PrintStream(out),
                        new java.io.PrintStream(err));
        assertThat(status).isZero();
        assertThat(out.toString())
                .startsWith("Almacén de estadísticas rehecho / Statistics store rebuilt: " + written.size()
                        + " entradas / entries, ")
                .contains("entradas/s / entries/s");
        assertThat(allRows()).isEqualTo(written);
    }

    @Test
    void theCommandExplainsItselfAndRefusesWhatItDoesNotKnow() {
        StatisticsCli cli = aggregator.getBean(StatisticsCli.class);
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();

        assertThat(cli.execute(
                        new String[] {"statistics", "--help"},
                        new java.io.PrintStream(out),
                        new java.io.PrintStream(err)))
                .isZero();
        assertThat(out.toString()).isEqualTo(StatisticsCli.USAGE);
        assertThat(cli.execute(
                        new String[] {"statistics", "rebuild", "now"},
                        new java.io.PrintStream(out),
                        new java.io.PrintStream(err)))
                .isEqualTo(2);
        assertThat(cli.execute(new String[] {"statistics"}, new java.io.PrintStream(out), new java.io.PrintStream(err)))
                .isEqualTo(2);
        assertThat(err.toString()).isEqualTo(StatisticsCli.USAGE + StatisticsCli.USAGE);
    }

    @Test
    void eachOriginShowsTheCheckpointItsRecordsCorrespondToAndItsFreshness() {
        // given a node that pushed two batches, with a retraction, and a node enrolled that never pushed
        IntakeDriver node = node("co");
        node.share(1, Share.of("statistics")).share(2, Share.of("statistics")).push();
        Instant before = Instant.now();
        node.revoke(2).push();
        IntakeDriver silent = node("ec");

        StatisticsSnapshot snapshot = reader.read(Optional.empty());

        // then the pusher's checkpoint is its log of three entries, just accepted, one with content
        OriginFreshness pushed = origin(snapshot, node.origin());
        assertThat(pushed.checkpoint()).hasValueSatisfying(c -> {
            assertThat(c.size()).isEqualTo(3);
            assertThat(c.rootHashHex()).isEqualTo(HexFormat.of().formatHex(node.root(3)));
            assertThat(c.acceptedAt()).isBetween(before.minusSeconds(1), snapshot.readAt());
        });
        assertThat(pushed.entriesStored()).isEqualTo(3);
        assertThat(reader.recordsPerOrigin()).containsEntry(node.origin(), 1L);
        assertThat(pushed.age()).hasValueSatisfying(a -> assertThat(a).isLessThan(Duration.ofMinutes(1)));
        assertThat(pushed.stale()).isFalse();
        assertThat(pushed.equivocation()).isFalse();
        // and the silent node has no checkpoint: stale
        OriginFreshness never = origin(snapshot, silent.origin());
        assertThat(never.checkpoint()).isEmpty();
        assertThat(never.entriesStored()).isZero();
        assertThat(never.stale()).isTrue();
    }

    @Test
    void anOriginWhoseLastCheckpointIsOlderThanTheSettingIsStale() {
        // given a node whose last checkpoint was accepted 49 hours ago (stale-after is 48 hours by default)
        IntakeDriver node = node("do");
        node.share(1, Share.of("statistics")).push();
        jdbc.update(
                "UPDATE regional_log_state SET updated_at = now() - interval '49 hours' WHERE origin = ?",
                node.origin());

        // then it is stale, its records still counted
        OriginFreshness freshness = origin(reader.read(Optional.empty()), node.origin());
        assertThat(freshness.stale()).isTrue();
        assertThat(freshness.age()).hasValueSatisfying(a -> assertThat(a).isGreaterThan(Duration.ofHours(48)));
        assertThat(records(node)).hasSize(1);
    }

    @Test
    void anOriginWhoseKeySignedTwoHistoriesIsFlagged() {
        // given a node that pushed a batch
        IntakeDriver node = node("us");
        node.share(1, Share.of("statistics")).push();
        assertThat(origin(reader.read(Optional.empty()), node.origin()).equivocation())
                .isFalse();

        // when its key signs a checkpoint of the same size with another root
        assertThat(node.pushFork().reason().name()).isEqualTo("EQUIVOCATION");

        // then its freshness carries the flag, beside the checkpoint it accepted before
        OriginFreshness freshness = origin(reader.read(Optional.empty()), node.origin());
        assertThat(freshness.equivocation()).isTrue();
        assertThat(freshness.checkpoint())
                .hasValueSatisfying(c -> assertThat(c.size()).isEqualTo(1));
    }

    // ---- helpers ----------------------------------------------------------------------------------

    static final String A = "ctb-" + "0123456789abcdef".repeat(2);
    static final String B = "ctb-" + "fedcba9876543210".repeat(2);

    /** A node of its own, enrolled, with a log of its own. */
    private IntakeDriver node(String name) {
        nodes++;
        String origin = name + ".example.org/" + name.toUpperCase(java.util.Locale.ROOT) + "/v1";
        IntakeDriver driver = new IntakeDriver(aggregator, origin, 10 + nodes);
        enrollments.enroll(origin, "sha256:" + String.format("%064x", nodes), driver.logKey());
        return driver;
    }

    private List<StatisticsRecord> records(IntakeDriver node) {
        return recordsOf(node.origin());
    }

    private List<StatisticsRecord> recordsOf(String origin) {
        return reader.read(Optional.empty()).records().stream()
                .filter(r -> r.origin().equals(origin))
                .toList();
    }

    private static StatisticsRecord only(List<StatisticsRecord> records) {
        assertThat(records).hasSize(1);
        return records.get(0);
    }

    private static OriginFreshness origin(StatisticsSnapshot snapshot, String origin) {
        return snapshot.origins().stream()
                .filter(o -> o.origin().equals(origin))
                .findFirst()
                .orElseThrow();
    }

    private long rowsOf(IntakeDriver node) {
        return jdbc.queryForObject(
                "SELECT count(*) FROM regional_statistics WHERE origin = ?", Long.class, node.origin());
    }

    private List<Map<String, Object>> allRows() {
        return jdbc.queryForList("SELECT "
                + StatisticsRows.COLUMNS
                        .replace("aggression_types", "aggression_types::text")
                        .replace("perpetrators,", "perpetrators::text,")
                        .replace("involvements", "involvements::text")
                        .replace("rights_defended", "rights_defended::text")
                        .replace("gender_elements", "gender_elements::text")
                        .replace("contributors", "contributors::text")
                + " FROM regional_statistics ORDER BY origin, log_index");
    }

    /** Hand-made share content within the allow-list (docs/federation-protocol.md section 5). */
    static final class Share {
        private final int version;
        private final String scope;
        private List<String> types = List.of("death-threat");
        private String period = "2024-03";
        private List<String> contributors = List.of();
        private String publicName;

        private Share(int version, String scope) {
            this.version = version;
            this.scope = scope;
        }

        /** Version 1, as nodes wrote it before contributors. */
        static Share of(String scope) {
            return new Share(1, scope);
        }

        static Share v2(String scope) {
            return new Share(2, scope);
        }

        Share types(String... codes) {
            types = List.of(codes);
            return this;
        }

        Share period(String value) {
            period = value;
            return this;
        }

        Share contributors(String... pseudonyms) {
            if (version != 2) {
                throw new IllegalStateException("contributors are version 2");
            }
            contributors = List.of(pseudonyms);
            return this;
        }

        Share publicName(String name) {
            publicName = name;
            return this;
        }

        @Override
        public String toString() {
            String statistics = "{\"aggressionTypes\":" + array(types) + ",\"country\":\"MX\",\"genderElements\":[],"
                    + "\"period\":\"" + period + "\",\"perpetrators\":[{\"involvement\":\"direct\","
                    + "\"perpetrator\":\"police\"}],\"rightsDefended\":[\"land-and-territory\"],\"subdivision\":null,"
                    + "\"targetKind\":\"defender\",\"verificationStatus\":\"verified\""
                    + (version == 2 ? ",\"contributors\":" + array(contributors) : "") + "}";
            String caseShare = "{\"caseId\":\"case-" + "cd".repeat(16) + "\",\"occurredOn\":\"2024-03-15\","
                    + "\"statistics\":" + statistics + ",\"summary\":null}";
            String share = switch (scope) {
                case "statistics" -> statistics;
                case "case" -> caseShare;
                default ->
                    "{\"caseShare\":" + caseShare + ",\"publicName\":"
                            + (publicName == null ? "null" : "\"" + publicName + "\"") + ",\"publicSummary\":null}";
            };
            return "{" + (version == 2 ? "\"version\":2," : "") + "\"scope\":\"" + scope + "\",\"share\":" + share
                    + "}";
        }

        private static String array(List<String> texts) {
            return texts.stream().map(t -> "\"" + t + "\"").collect(java.util.stream.Collectors.joining(",", "[", "]"));
        }
    }
}
