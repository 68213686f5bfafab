package org.tejido.national.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.tejido.national.sharing.CaseShare;
import org.tejido.national.sharing.PublicShare;
import org.tejido.national.sharing.StatisticsShare;
import org.tejido.vocabulary.Vocabulary;

/** The preview's rows: every field of the shared view; the contributors as how many, not the pseudonyms. */
class SharedViewRowsTest {
    private static final String FIRST = "ctb-99c00a38406c1028f9d4177ea127a782";
    private static final String SECOND = "ctb-e2288580c1e945fd42abf0ec00c3198c";

    private final SharedViewRows rows = new SharedViewRows(new Labels(Vocabulary.load()));

    @Test
    void givenAShareAboutTwoPeople_thenTheRowSaysTwo_andNoPseudonymIsShown() {
        StatisticsShare statistics = statistics(List.of(FIRST, SECOND));

        for (var shared : List.of(
                statistics,
                new CaseShare("case-" + "0".repeat(32), statistics, "2024-03-15", null),
                new PublicShare(new CaseShare("case-" + "0".repeat(32), statistics, "2024-03", null), null, null))) {
            List<SharedViewRows.Row> shown = rows.of(shared, Locale.forLanguageTag("es"));

            assertThat(shown)
                    .filteredOn(r -> r.field().equals("contributors"))
                    .singleElement()
                    .satisfies(r -> {
                        assertThat(r.labelKey()).isEqualTo("page.shared.contributors");
                        assertThat(r.values()).containsExactly("2");
                    });
            assertThat(shown.toString())
                    .doesNotContain(FIRST)
                    .doesNotContain(SECOND)
                    .doesNotContain("ctb-");
        }
    }

    @Test
    void everyFieldOfTheStatisticsHasARow() {
        List<String> fields = rows.of(statistics(List.of(FIRST)), Locale.ENGLISH).stream()
                .map(SharedViewRows.Row::field)
                .toList();
        assertThat(fields)
                .containsExactlyInAnyOrder(
                        "country",
                        "subdivision",
                        "period",
                        "targetKind",
                        "contributors",
                        "aggressionTypes",
                        "perpetrators",
                        "rightsDefended",
                        "genderElements",
                        "verificationStatus");
    }

    private static StatisticsShare statistics(List<String> contributors) {
        return new StatisticsShare(
                "MX",
                "MX-OAX",
                "2024-03",
                "defender",
                contributors,
                List.of("death-threat"),
                List.of(),
                List.of(),
                List.of(),
                "verified");
    }
}
