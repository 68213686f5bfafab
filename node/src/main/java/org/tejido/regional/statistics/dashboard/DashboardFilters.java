package org.tejido.regional.statistics.dashboard;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * What the dashboard's GET form asks for: a year and, optionally, some countries. Read from the query
 * so that a view of the figures is an address to bookmark or send; checked against the catalogue's
 * countries, and refused field by field with a message key (never echoing what was typed).
 *
 * @param year the year asked for, or the current one when none was
 * @param countries the country codes asked for; empty: every country
 * @param errors field → message key; when not empty nothing is computed
 */
record DashboardFilters(int year, SortedSet<String> countries, Map<String, String> errors) {
    static final String YEAR_ERROR = "page.statistics.error.year";
    static final String COUNTRY_ERROR = "page.statistics.error.country";

    DashboardFilters {
        countries = Collections.unmodifiableSortedSet(new TreeSet<>(countries));
        errors = Collections.unmodifiableMap(new LinkedHashMap<>(errors));
    }

    static DashboardFilters read(String year, List<String> countries, int currentYear, Set<String> knownCountries) {
        Map<String, String> errors = new LinkedHashMap<>();
        int y = currentYear;
        if (year != null && !year.isBlank()) {
            // The headlines compare with the year before, which must be a year of four digits too.
            if (year.matches("\\d{4}") && Integer.parseInt(year) > 1000) {
                y = Integer.parseInt(year);
            } else {
                errors.put("year", YEAR_ERROR);
            }
        }
        SortedSet<String> picked = new TreeSet<>();
        for (String c : countries == null ? List.<String>of() : countries) {
            if (c == null || c.isBlank()) {
                continue;
            }
            if (knownCountries.contains(c)) {
                picked.add(c);
            } else {
                errors.put("country", COUNTRY_ERROR);
            }
        }
        return new DashboardFilters(y, picked, errors);
    }

    /** This view's address under another path (the report, a download), with the same filters. */
    String address(String path, Map<String, String> more) {
        UriComponentsBuilder uri = UriComponentsBuilder.fromPath(path).queryParam("year", year);
        countries.forEach(c -> uri.queryParam("country", c));
        more.forEach(uri::queryParam);
        return uri.encode().build().toUriString();
    }
}
