package org.tejido.regional.statistics.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The dashboard's filters, read from the query: refused by field, never echoed, never half applied. */
class DashboardFiltersTest {
    private static final Set<String> COUNTRIES = Set.of("MX", "GT", "HN");

    @Test
    void noFilterIsTheCurrentYearAndEveryCountry() {
        DashboardFilters f = DashboardFilters.read(null, null, 2026, COUNTRIES);
        assertThat(f.year()).isEqualTo(2026);
        assertThat(f.countries()).isEmpty();
        assertThat(f.errors()).isEmpty();
        assertThat(DashboardFilters.read(" ", List.of("", " "), 2026, COUNTRIES).errors())
                .isEmpty();
    }

    @Test
    void aYearAndCountriesAreKeptSortedOnce() {
        DashboardFilters f = DashboardFilters.read("2024", List.of("MX", "GT", "MX"), 2026, COUNTRIES);
        assertThat(f.year()).isEqualTo(2024);
        assertThat(f.countries()).containsExactly("GT", "MX");
        assertThat(f.address("/statistics/report", Map.of()))
                .isEqualTo("/statistics/report?year=2024&country=GT&country=MX");
    }

    @Test
    void whatIsNotAYearOrACountryOfTheCatalogueIsRefusedByField() {
        for (String year : Arrays.asList("20x6", "12345", "999", "1000", "-2026", "2026,2025", "２０２６")) {
            assertThat(DashboardFilters.read(year, null, 2026, COUNTRIES).errors())
                    .as(year)
                    .containsExactly(Map.entry("year", DashboardFilters.YEAR_ERROR));
        }
        DashboardFilters f = DashboardFilters.read("2026", List.of("MX", "Ana Pérez"), 2026, COUNTRIES);
        assertThat(f.errors()).containsExactly(Map.entry("country", DashboardFilters.COUNTRY_ERROR));
        // the message keys name the field, never the value typed
        assertThat(f.errors().toString()).doesNotContain("Ana");
    }
}
