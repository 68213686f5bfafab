package org.tejido.regional.statistics.dashboard;

import io.swagger.v3.oas.annotations.Hidden;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.MessageSource;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.tejido.platform.problem.Rejection;
import org.tejido.regional.statistics.catalogue.Header;
import org.tejido.regional.statistics.catalogue.ProtectedRelease;
import org.tejido.regional.statistics.catalogue.Selection;
import org.tejido.regional.statistics.disclosure.Parameters;
import org.tejido.regional.statistics.release.Releases;
import org.tejido.regional.statistics.release.StoredRelease;
import org.tejido.regional.statistics.release.TableExport;
import org.tejido.regional.statistics.store.StatisticsReader;

/**
 * The regional team's dashboard (docs/statistics-dashboard.md): the protected provisional figures of a
 * year for some or all countries, how fresh each national log is, and the method; a printable report
 * of the same; and each table as the CSV or JSON the API gives. The filters are a GET form, so a view
 * is an address to bookmark, and the page works without JavaScript (the charts are drawn from its
 * tables when the browser runs scripts).
 */
@Controller
@Hidden // pages, not part of the API
class DashboardPage {
    private static final Logger log = LoggerFactory.getLogger(DashboardPage.class);
    private static final int VIEWS = 32;
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'");

    private final Releases releases;
    private final StatisticsReader reader;
    private final TableExport export;
    private final Clock clock;
    private final MessageSource messages;
    /** Views laid out lately: a few filters in two languages. */
    private final Map<ViewKey, DashboardFigures.View> views = new LinkedHashMap<>(VIEWS, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<ViewKey, DashboardFigures.View> eldest) {
            return size() > VIEWS;
        }
    };

    DashboardPage(Releases releases, StatisticsReader reader, TableExport export, Clock clock, MessageSource messages) {
        this.messages = messages;
        this.releases = releases;
        this.reader = reader;
        this.export = export;
        this.clock = clock;
    }

    @GetMapping("/statistics")
    String dashboard(
            @RequestParam(required = false) String year,
            @RequestParam(name = "country", required = false) List<String> country,
            Locale locale,
            Model model) {
        fill(model, year, country, locale);
        return "statistics";
    }

    /** The same figures as one printable page: no filters form, no charts, every table whole. */
    @GetMapping("/statistics/report")
    String report(
            @RequestParam(required = false) String year,
            @RequestParam(name = "country", required = false) List<String> country,
            Locale locale,
            Model model) {
        fill(model, year, country, locale);
        return "statistics-report";
    }

    /**
     * One table of the provisional release, for the countries asked for and all countries together, as
     * CSV or JSON: the same bytes as {@code GET /api/statistics/tables} with that selection.
     */
    @GetMapping("/statistics/export")
    @ResponseBody
    ResponseEntity<byte[]> download(
            @RequestParam(required = false) String year,
            @RequestParam(name = "country", required = false) List<String> country,
            @RequestParam String table,
            @RequestParam Optional<String> format) {
        DashboardFilters filters = filters(year, country);
        if (!filters.errors().isEmpty()) {
            log.info("Statistics download refused: {}", filters.errors().values());
            throw Rejection.malformed(
                    "request.invalid-parameter",
                    filters.errors().keySet().iterator().next());
        }
        Selection selection = Selection.ALL.withTables(table);
        if (!filters.countries().isEmpty()) {
            SortedSet<String> rows = new TreeSet<>(filters.countries());
            rows.add("all");
            selection = selection.withCountries(rows.toArray(String[]::new));
        }
        return export.tables(releases.provisional(filters.year(), releases.floor()), selection, format);
    }

    private void fill(Model model, String year, List<String> country, Locale locale) {
        boolean english = locale.getLanguage().equals("en");
        DashboardFilters filters = filters(year, country);
        model.addAttribute("filters", filters);
        model.addAttribute("errors", filters.errors());
        model.addAttribute("generatedAt", WHEN.format(clock.instant().atOffset(ZoneOffset.UTC)));
        model.addAttribute("countryOptions", countryOptions(filters, english));
        model.addAttribute("reportHref", filters.address("/statistics/report", Map.of()));
        model.addAttribute("dashboardHref", filters.address("/statistics", Map.of()));
        Parameters parameters = releases.floor();
        model.addAttribute("parameters", parameters);
        model.addAttribute("freshness", FreshnessLine.of(reader.freshness()));
        model.addAttribute("staleHours", reader.staleAfter().toHours());
        if (!filters.errors().isEmpty()) {
            // By field and code only: the values are what someone typed.
            log.info("Statistics page: refused filters {}", filters.errors());
            return;
        }
        try {
            ProtectedRelease release = releases.provisional(filters.year(), parameters);
            ProtectedRelease previous = releases.provisional(filters.year() - 1, parameters);
            model.addAttribute("figures", figures(release, previous, filters, english, locale));
            model.addAttribute("release", release);
            model.addAttribute("published", published(filters.year()));
        } catch (Rejection refusal) {
            if (!refusal.code().equals("statistics.unprotectable")) {
                throw refusal;
            }
            log.warn("Statistics page: the provisional figures cannot be protected (statistics.unprotectable)");
            model.addAttribute("unprotectable", true);
        }
    }

    /**
     * The figures laid out for a view, kept while the provisional releases they come from are the
     * cached ones ({@link Releases#provisional} answers the same object until an origin's log grows or a
     * release is published): the same view asked again is not laid out again.
     */
    private DashboardFigures.View figures(
            ProtectedRelease release,
            ProtectedRelease previous,
            DashboardFilters filters,
            boolean english,
            Locale locale) {
        ViewKey key = new ViewKey(release, previous, filters.year(), List.copyOf(filters.countries()), english);
        synchronized (views) {
            DashboardFigures.View cached = views.get(key);
            if (cached != null) {
                return cached;
            }
        }
        DashboardFigures.View view = DashboardFigures.of(
                release, previous, filters, english, messages.getMessage("page.statistics.suppressed", null, locale));
        synchronized (views) {
            views.put(key, view);
        }
        return view;
    }

    /** A view's key: the two releases by identity (they are immutable and cached), the filters, the language. */
    private record ViewKey(
            ProtectedRelease release, ProtectedRelease previous, int year, List<String> countries, boolean english) {
        @Override
        public boolean equals(Object other) {
            return other instanceof ViewKey k
                    && k.release == release
                    && k.previous == previous
                    && k.year == year
                    && k.english == english
                    && k.countries.equals(countries);
        }

        @Override
        public int hashCode() {
            return 31 * (31 * System.identityHashCode(release) + System.identityHashCode(previous))
                    + countries.hashCode()
                    + (english ? 1 : 0)
                    + year;
        }
    }

    /** A release published for the year: its number and when. */
    record Published(int number, String at) {}

    private List<Published> published(int year) {
        List<Published> out = new ArrayList<>();
        for (StoredRelease r : releases.list(Integer.toString(year))) {
            out.add(new Published(r.number(), WHEN.format(r.publishedAt().atOffset(ZoneOffset.UTC))));
        }
        return out;
    }

    /** A country of the catalogue, as a checkbox of the filters form. */
    record CountryOption(String code, String label, boolean checked) {}

    private List<CountryOption> countryOptions(DashboardFilters filters, boolean english) {
        return releases.countries().stream()
                .filter(h -> !h.retired() || filters.countries().contains(h.key()))
                .map(h -> new CountryOption(
                        h.key(), english ? h.en() : h.es(), filters.countries().contains(h.key())))
                .toList();
    }

    private DashboardFilters filters(String year, List<String> country) {
        Set<String> known = releases.countries().stream().map(Header::key).collect(Collectors.toSet());
        return DashboardFilters.read(
                year, country, clock.instant().atOffset(ZoneOffset.UTC).getYear(), known);
    }
}
