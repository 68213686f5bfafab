package org.tejido.regional.statistics.dashboard;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import org.tejido.regional.statistics.catalogue.Figure;
import org.tejido.regional.statistics.catalogue.Header;
import org.tejido.regional.statistics.catalogue.ProtectedRelease;
import org.tejido.regional.statistics.catalogue.PublicListing;
import org.tejido.regional.statistics.catalogue.ReleasedCell;
import org.tejido.regional.statistics.catalogue.ReleasedTable;

/**
 * Lays out a protected release for the dashboard: the headline counts, attacks month by month, and
 * the breakdowns, for the countries asked for. It picks and arranges cells of the release; it never
 * computes a figure the release does not hold, except a sum of published figures of the countries
 * asked for (which anyone can add up), and that sum is suppressed as soon as one of them is.
 */
final class DashboardFigures {
    static final String BY_PERIOD = "country-by-period";
    static final String BY_AGGRESSION = "country-by-aggression";
    static final String BY_PERPETRATOR = "country-by-perpetrator";
    static final String BY_RIGHT = "country-by-right";
    static final String BY_ELEMENT = "country-by-gender-element";

    /** Everything a dashboard page or report shows of the figures. */
    record View(
            int year, List<Headline> headlines, Grid overTime, List<Grid> breakdowns, List<PublicLine> publicRecords) {}

    /** A record of {@code public} scope, listed by the name made public. */
    record PublicLine(Optional<String> name, String country, String period, List<String> types) {}

    private final ProtectedRelease release;
    private final DashboardFilters filters;
    private final boolean english;
    private final String suppressedWord;
    private final List<Header> countries;
    private final Header all;

    private DashboardFigures(
            ProtectedRelease release, DashboardFilters filters, boolean english, String suppressedWord) {
        this.release = release;
        this.suppressedWord = suppressedWord;
        this.filters = filters;
        this.english = english;
        ReleasedTable byPeriod = table(release, BY_PERIOD);
        String year = Integer.toString(release.year());
        this.all = byPeriod.layout().rows().stream()
                .filter(h -> h.level().equals("all"))
                .findFirst()
                .orElseThrow();
        // The countries asked for; without a filter, those with any attack in the year (a published zero
        // says there is none, so leaving it out hides nothing).
        this.countries = byPeriod.layout().rows().stream()
                .filter(h -> h.level().equals("country"))
                .filter(h -> filters.countries().isEmpty()
                        ? !isZero(byPeriod.cell(h.key(), year).orElseThrow().figure())
                        : filters.countries().contains(h.key()))
                .toList();
    }

    /** @param suppressedWord what a suppressed cell reads, in the page's language */
    static View of(
            ProtectedRelease release,
            ProtectedRelease previous,
            DashboardFilters filters,
            boolean english,
            String suppressedWord) {
        return new DashboardFigures(release, filters, english, suppressedWord).view(previous);
    }

    private View view(ProtectedRelease previous) {
        String year = Integer.toString(release.year());
        String before = Integer.toString(previous.year());
        List<Headline> headlines = List.of(
                new Headline(
                        "page.statistics.headline.attacks",
                        selected(release, BY_PERIOD, year),
                        selected(previous, BY_PERIOD, before)),
                new Headline(
                        "page.statistics.headline.gender",
                        selected(release, BY_ELEMENT, "any"),
                        selected(previous, BY_ELEMENT, "any")));
        Grid overTime = grid("over-time", BY_PERIOD, "line", h -> h.level().equals("month"), true);
        List<Grid> breakdowns = List.of(
                grid(
                                "groups",
                                BY_AGGRESSION,
                                "bar",
                                h -> Set.of("group", "total").contains(h.level()),
                                false)
                        .titled(
                                english
                                        ? "Attacks by country and group of aggression"
                                        : "Agresiones por país y grupo de agresión"),
                grid(
                        "types",
                        BY_AGGRESSION,
                        "none",
                        h -> Set.of("group", "type").contains(h.level()),
                        false),
                grid("perpetrators", BY_PERPETRATOR, "bar", h -> !h.level().equals("perpetrator"), false),
                grid("rights", BY_RIGHT, "bar", h -> true, false),
                grid("gender-elements", BY_ELEMENT, "bar", h -> true, false));
        return new View(release.year(), headlines, overTime, breakdowns, publicLines());
    }

    /**
     * A count for the selection: the "all countries" cell without a filter, else the sum of the
     * countries' cells, suppressed when any of them is.
     */
    private Figure selected(ProtectedRelease from, String tableId, String column) {
        ReleasedTable table = table(from, tableId);
        if (filters.countries().isEmpty()) {
            return table.cell(all.key(), column).orElseThrow().figure();
        }
        int sum = 0;
        for (String country : filters.countries()) {
            Figure f = table.cell(country, column).orElseThrow().figure();
            if (!(f instanceof Figure.Published p)) {
                return Figure.SUPPRESSED;
            }
            sum += p.value();
        }
        return new Figure.Published(sum);
    }

    /**
     * One release table turned: its columns that {@code keep} admits become rows, in the catalogue's
     * order with each child under its parent, and the countries become columns. Rows whose every cell
     * is a published zero are left out unless {@code zeros}.
     */
    private Grid grid(String id, String tableId, String chart, Predicate<Header> keep, boolean zeros) {
        ReleasedTable table = table(release, tableId);
        Map<String, Figure> figures = new HashMap<>();
        for (ReleasedCell c : table.cells()) {
            figures.put(c.row() + "\u0000" + c.column(), c.figure());
        }
        List<Header> columns = new ArrayList<>(countries);
        columns.add(all);
        List<Grid.Row> rows = new ArrayList<>();
        for (Header category :
                ordered(table.layout().columns().stream().filter(keep).toList())) {
            List<Grid.Cell> cells = new ArrayList<>();
            for (Header country : columns) {
                cells.add(Grid.Cell.of(
                        table.layout().cellId(country.key(), category.key()),
                        figures.get(country.key() + "\u0000" + category.key()),
                        suppressedWord));
            }
            if (zeros || !cells.stream().allMatch(c -> isZero(c.figure()))) {
                rows.add(new Grid.Row(category.key(), label(category), category.level(), !isTotal(category), cells));
            }
        }
        String caption = english ? table.layout().en() : table.layout().es();
        return new Grid(
                id,
                tableId,
                caption,
                chart,
                columns.stream()
                        .map(h -> new Grid.Column(h.key(), label(h), !h.level().equals("all")))
                        .toList(),
                rows,
                filters.address("/statistics/export", Map.of("table", tableId, "format", "csv")),
                filters.address("/statistics/export", Map.of("table", tableId, "format", "json")));
    }

    /** Parents before their children, as the catalogue lists them after: a group, then its types. */
    private static List<Header> ordered(List<Header> headers) {
        List<Header> out = new ArrayList<>();
        for (Header h : headers) {
            boolean parentShown = h.parent().isPresent()
                    && headers.stream().anyMatch(p -> p.key().equals(h.parent().get()) && !isTotal(p));
            if (!parentShown) {
                out.add(h);
            }
        }
        for (Header parent : List.copyOf(out)) {
            List<Header> children = headers.stream()
                    .filter(h -> h.parent().map(parent.key()::equals).orElse(false))
                    .toList();
            if (!isTotal(parent)) {
                out.addAll(out.indexOf(parent) + 1, children);
            }
        }
        return out;
    }

    private List<PublicLine> publicLines() {
        ReleasedTable byAggression = table(release, BY_AGGRESSION);
        Map<String, String> typeLabels = new HashMap<>();
        byAggression.layout().columns().forEach(h -> typeLabels.put(h.key(), label(h)));
        Map<String, String> countryLabels = new HashMap<>();
        table(release, BY_PERIOD).layout().rows().forEach(h -> countryLabels.put(h.key(), label(h)));
        List<PublicLine> out = new ArrayList<>();
        for (PublicListing l : release.publicRecords()) {
            if (filters.countries().isEmpty() || filters.countries().contains(l.country())) {
                out.add(new PublicLine(
                        l.publicName(),
                        countryLabels.getOrDefault(l.country(), l.country()),
                        l.period(),
                        l.aggressionTypes().stream()
                                .map(t -> typeLabels.getOrDefault("type:" + t, t))
                                .toList()));
            }
        }
        return out;
    }

    private String label(Header h) {
        return english ? h.en() : h.es();
    }

    private static boolean isTotal(Header h) {
        return Set.of("total", "any", "all", "year").contains(h.level());
    }

    private static boolean isZero(Figure f) {
        return f instanceof Figure.Published p && p.value() == 0;
    }

    private static ReleasedTable table(ProtectedRelease release, String id) {
        return release.table(id).orElseThrow(() -> new IllegalStateException("the catalogue lacks " + id));
    }
}
