package org.tejido.regional.statistics.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.tejido.regional.statistics.StatisticsRecord;
import org.tejido.regional.statistics.catalogue.Catalogue;
import org.tejido.regional.statistics.catalogue.Figure;
import org.tejido.regional.statistics.catalogue.ProtectedRelease;
import org.tejido.regional.statistics.disclosure.Parameters;
import org.tejido.vocabulary.Vocabulary;

/** The dashboard lays out cells of protected releases; it never shows a figure the release does not hold. */
class DashboardFiguresTest {
    private static final Catalogue CATALOGUE = new Catalogue(Vocabulary.load());
    private static final Parameters T5 = new Parameters(5, 5);

    @Test
    void everyFigureShownIsTheReleasesCellAndZeroRowsAreLeftOutOfTheBreakdowns() {
        // given six defenders threatened in Mexico in March, six harassed in Guatemala in May
        ProtectedRelease year = CATALOGUE.release(2026, attacks(2026), T5);
        ProtectedRelease before = CATALOGUE.release(2025, List.of(), T5);

        // when the dashboard lays out every country
        DashboardFigures.View view = DashboardFigures.of(year, before, filters(), false, "suprimida");

        // then every cell it shows is the release's, figure for figure
        Map<String, Figure> released = new HashMap<>();
        year.tables().forEach(t -> t.cells().forEach(c -> released.put(c.id(), c.figure())));
        List<Grid> grids = new ArrayList<>(view.breakdowns());
        grids.add(view.overTime());
        int shown = 0;
        for (Grid g : grids) {
            for (Grid.Row r : g.rows()) {
                for (Grid.Cell c : r.cells()) {
                    assertThat(c.figure()).as(c.id()).isEqualTo(released.get(c.id()));
                    assertThat(c.text())
                            .isEqualTo(
                                    c.figure() instanceof Figure.Published p
                                            ? Integer.toString(p.value())
                                            : "suprimida");
                    shown++;
                }
            }
        }
        assertThat(shown).isGreaterThan(30);
        // and the months are all there, zeros included, while a type nobody suffered is not
        assertThat(view.overTime().rows()).hasSize(12);
        Grid types = view.breakdowns().stream()
                .filter(g -> g.id().equals("types"))
                .findFirst()
                .orElseThrow();
        assertThat(types.rows()).extracting(Grid.Row::key).contains("type:death-threat", "type:harassment");
        assertThat(types.rows()).extracting(Grid.Row::key).doesNotContain("type:femicide");
        // and the columns are the two countries with attacks, in the vocabulary's order, then all countries
        assertThat(view.overTime().columns()).extracting(Grid.Column::key).containsExactly("MX", "GT", "all");
        // and the headline is the year's total against a year with none
        Headline attacks = view.headlines().get(0);
        assertThat(attacks.value()).isEqualTo(12);
        assertThat(attacks.change()).isEqualTo("up");
        assertThat(attacks.percent()).isEqualTo(-1);
    }

    @Test
    void aHeadlineOfSeveralCountriesIsSuppressedWhenOneOfThemIs() {
        // given a year where Honduras has one defender attacked (suppressed), next to the others
        List<StatisticsRecord> records = new ArrayList<>(attacks(2026));
        records.add(record("HN", "2026-04", "harassment", "hn-1", 99));
        ProtectedRelease year = CATALOGUE.release(2026, records, T5);
        ProtectedRelease before = CATALOGUE.release(2025, attacks(2025), T5);
        assertThat(year.table("country-by-period")
                        .orElseThrow()
                        .cell("HN", "2026")
                        .orElseThrow()
                        .figure())
                .isEqualTo(Figure.SUPPRESSED);

        // when the dashboard is asked for Mexico and Honduras, then for Mexico alone
        DashboardFigures.View both = DashboardFigures.of(year, before, filters("MX", "HN"), true, "suppressed");
        DashboardFigures.View mexico = DashboardFigures.of(year, before, filters("MX"), true, "suppressed");

        // then the sum is not shown (it would give Honduras away), nor a change against the year before
        assertThat(both.headlines().get(0).suppressed()).isTrue();
        assertThat(both.headlines().get(0).change()).isEqualTo("unknown");
        // and Mexico's is its own published total, the same as the year before
        assertThat(mexico.headlines().get(0).value()).isEqualTo(6);
        assertThat(mexico.headlines().get(0).change()).isEqualTo("same");
        assertThat(mexico.overTime().columns()).extracting(Grid.Column::key).containsExactly("MX", "all");
    }

    private static DashboardFilters filters(String... countries) {
        return DashboardFilters.read(
                "2026", List.of(countries), 2026, new TreeSet<>(List.of("MX", "GT", "HN", "SV", "NI")));
    }

    private static List<StatisticsRecord> attacks(int year) {
        List<StatisticsRecord> out = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            out.add(record("MX", year + "-03", "death-threat", "mx-" + i, i));
            out.add(record("GT", year + "-05", "harassment", "gt-" + i, 10 + i));
        }
        return out;
    }

    private static StatisticsRecord record(String country, String period, String type, String who, int index) {
        return new StatisticsRecord(
                "node.example.org/" + country + "/v1",
                String.format("%032x", index),
                index,
                "statistics",
                country,
                period,
                "individual",
                "verified",
                new TreeSet<>(List.of(type)),
                List.of(),
                new TreeSet<>(),
                new TreeSet<>(),
                new TreeSet<>(List.of(who)),
                Optional.empty());
    }
}
