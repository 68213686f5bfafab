package org.tejido.regional.statistics.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.tejido.regional.statistics.StatisticsRecord;

/** The statistics read from each version and scope of content, and content it refuses to guess about. */
class StatisticsContentTest {
    static final String ORIGIN = "mx.example.org/MX/v1";
    static final UUID TARGET = UUID.fromString("0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0");
    static final String CONTRIBUTOR_A = "ctb-" + "0123456789abcdef".repeat(2);
    static final String CONTRIBUTOR_B = "ctb-" + "fedcba9876543210".repeat(2);

    /** A statistics object as the national writer emits it; {@code contributors} is the JSON after the last field, or "". */
    static String statistics(String contributors) {
        return "{\"aggressionTypes\":[\"death-threat\",\"defamation\"],\"country\":\"MX\","
                + "\"genderElements\":[\"sexist-smear\"],\"period\":\"2024-03\",\"perpetrators\":["
                + "{\"involvement\":\"direct\",\"perpetrator\":\"police\"},"
                + "{\"involvement\":\"acquiescence\",\"perpetrator\":\"national-authority\"}],"
                + "\"rightsDefended\":[\"land-and-territory\"],\"subdivision\":\"MX-OAX\",\"targetKind\":\"defender\","
                + "\"verificationStatus\":\"verified\"" + contributors + "}";
    }

    static final String V2_CONTRIBUTORS = ",\"contributors\":[\"" + CONTRIBUTOR_A + "\",\"" + CONTRIBUTOR_B + "\"]";

    static String caseShare(String statistics) {
        return "{\"caseId\":\"case-" + "ab".repeat(16) + "\",\"occurredOn\":\"2024-03-15\",\"statistics\":" + statistics
                + ",\"summary\":null}";
    }

    static byte[] bytes(String json) {
        return json.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void givenVersion1StatisticsContent_thenItsCodesAndTheOriginsSingleV1Contributor() {
        StatisticsRecord record = StatisticsContent.read(
                ORIGIN, TARGET, 41, bytes("{\"scope\":\"statistics\",\"share\":" + statistics("") + "}"));

        assertThat(record.origin()).isEqualTo(ORIGIN);
        assertThat(record.targetId()).isEqualTo("0f1e2d3c4b5a69788796a5b4c3d2e1f0");
        assertThat(record.index()).isEqualTo(41);
        assertThat(record.scope()).isEqualTo("statistics");
        assertThat(record.country()).isEqualTo("MX");
        assertThat(record.period()).isEqualTo("2024-03");
        assertThat(record.targetKind()).isEqualTo("defender");
        assertThat(record.verificationStatus()).isEqualTo("verified");
        assertThat(record.aggressionTypes()).containsExactly("death-threat", "defamation");
        assertThat(record.perpetrators())
                .containsExactly(
                        new StatisticsRecord.Perpetrator("police", "direct"),
                        new StatisticsRecord.Perpetrator("national-authority", "acquiescence"));
        assertThat(record.rightsDefended()).containsExactly("land-and-territory");
        assertThat(record.genderElements()).containsExactly("sexist-smear");
        assertThat(record.contributors()).containsExactly("v1:" + ORIGIN);
        assertThat(record.publicName()).isEmpty();
    }

    @Test
    void givenVersion2ContentOfEachScope_thenTheSameCodesAndItsContributors() {
        String statistics = statistics(V2_CONTRIBUTORS);
        String caseShare = caseShare(statistics);
        List<String> contents = List.of(
                "{\"version\":2,\"scope\":\"statistics\",\"share\":" + statistics + "}",
                "{\"version\":2,\"scope\":\"case\",\"share\":" + caseShare + "}",
                "{\"version\":2,\"scope\":\"public\",\"share\":{\"caseShare\":" + caseShare
                        + ",\"publicName\":null,\"publicSummary\":null}}");
        for (String content : contents) {
            StatisticsRecord record = StatisticsContent.read(ORIGIN, TARGET, 7, bytes(content));

            assertThat(record.contributors()).as(content).containsExactly(CONTRIBUTOR_A, CONTRIBUTOR_B);
            assertThat(record.aggressionTypes()).as(content).containsExactly("death-threat", "defamation");
            assertThat(record.perpetrators()).as(content).hasSize(2);
            assertThat(record.period()).as(content).isEqualTo("2024-03");
            assertThat(record.publicName()).as(content).isEmpty();
        }
        assertThat(contents.stream()
                        .map(c -> StatisticsContent.read(ORIGIN, TARGET, 7, bytes(c))
                                .scope())
                        .toList())
                .containsExactly("statistics", "case", "public");
    }

    @Test
    void givenPublicContentWithAPublicName_thenTheRecordCarriesIt() {
        String content = "{\"scope\":\"public\",\"share\":{\"caseShare\":" + caseShare(statistics(""))
                + ",\"publicName\":\"Nombre Ñandú\",\"publicSummary\":\"texto\"}}";

        StatisticsRecord record = StatisticsContent.read(ORIGIN, TARGET, 3, bytes(content));

        assertThat(record.isPublic()).isTrue();
        assertThat(record.publicName()).contains("Nombre Ñandú");
        assertThat(record.contributors()).containsExactly("v1:" + ORIGIN);
    }

    @Test
    void givenAPeriodOfAYearOnly_thenTheRecordHasNoMonth() {
        String content = "{\"scope\":\"statistics\",\"share\":" + statistics("").replace("2024-03", "2023") + "}";

        StatisticsRecord record = StatisticsContent.read(ORIGIN, TARGET, 3, bytes(content));

        assertThat(record.period()).isEqualTo("2023");
        assertThat(record.month()).isEmpty();
    }

    @Test
    void givenTheFieldsInAnyOrder_thenTheSameRecord() {
        String reordered = "{\"share\":" + statistics(V2_CONTRIBUTORS) + ",\"scope\":\"statistics\",\"version\":2}";
        String ordered = "{\"version\":2,\"scope\":\"statistics\",\"share\":" + statistics(V2_CONTRIBUTORS) + "}";

        assertThat(StatisticsContent.read(ORIGIN, TARGET, 3, bytes(reordered)))
                .isEqualTo(StatisticsContent.read(ORIGIN, TARGET, 3, bytes(ordered)));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "not json",
                "[]",
                "{\"scope\":\"none\",\"share\":{}}",
                "{\"version\":3,\"scope\":\"statistics\",\"share\":STATS}",
                "{\"version\":\"2\",\"scope\":\"statistics\",\"share\":STATS}",
                "{\"version\":1,\"scope\":\"statistics\",\"share\":STATS}",
                "{\"scope\":\"statistics\",\"scope\":\"case\",\"share\":STATS}",
                "{\"scope\":\"case\",\"share\":STATS}",
                "{\"scope\":\"statistics\",\"share\":STATS_V2}",
                "{\"version\":2,\"scope\":\"statistics\",\"share\":STATS}",
                "{\"version\":2,\"scope\":\"statistics\",\"share\":STATS_NO_ONE}",
                "{\"scope\":\"statistics\",\"share\":STATS_DAY}",
                "{\"scope\":\"statistics\",\"share\":STATS_NO_COUNTRY}",
            })
    void givenContentTheIntakeWouldHaveRefused_thenItFailsLoudlyNamingNoValue(String template) {
        String content = template.replace("STATS_V2", statistics(V2_CONTRIBUTORS))
                .replace("STATS_NO_ONE", statistics(",\"contributors\":[]"))
                .replace("STATS_DAY", statistics("").replace("2024-03", "2024-03-15"))
                .replace("STATS_NO_COUNTRY", statistics("").replace("\"country\":\"MX\",", ""))
                .replace("STATS", statistics(""));

        assertThatThrownBy(() -> StatisticsContent.read(ORIGIN, TARGET, 9, bytes(content)))
                .isInstanceOf(StatisticsContent.UnreadableContent.class)
                .hasMessageContaining(ORIGIN + " index 9")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("MX\"", "2024", "police", "ctb-"));
    }

    @Test
    void givenTheRecordsTargetId_thenItsHexIsTheLogsForm() {
        assertThat(StatisticsContent.hex(new UUID(0x0102030405060708L, 0x090a0b0c0d0e0f10L)))
                .isEqualTo("0102030405060708090a0b0c0d0e0f10");
        assertThat(StatisticsContent.hex(new UUID(0, 1))).hasSize(32).endsWith("01");
        assertThat(Optional.of(StatisticsContent.hex(TARGET)))
                .contains(TARGET.toString().replace("-", ""));
    }
}
