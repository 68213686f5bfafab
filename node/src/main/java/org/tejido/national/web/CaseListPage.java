package org.tejido.national.web;

import io.swagger.v3.oas.annotations.Hidden;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.util.UriComponentsBuilder;
import org.tejido.national.cases.CaseCursor;
import org.tejido.national.cases.CasePageView;
import org.tejido.national.cases.CaseSummaryView;
import org.tejido.national.cases.ListCasesQuery;
import org.tejido.national.web.Labels.Option;
import org.tejido.platform.problem.Rejection;
import org.tejido.vocabulary.SchemeName;

/**
 * The case list page: the API's list (GET /api/attacks) for people, through the same query and read
 * model, so it shows no more than the API does (no names, contacts, narratives or municipalities).
 * The filters are a GET form, so a page is an address to bookmark or share with a colleague; "next"
 * follows the cursor. Without JavaScript it is an ordinary page; with htmx only the results are
 * swapped (and the language switch, which carries the filters).
 */
@Controller
@Hidden // a page, not part of the API
class CaseListPage {
    private static final Logger log = LoggerFactory.getLogger(CaseListPage.class);
    static final int PAGE_SIZE = 20;

    private final QueryGateway queries;
    private final Labels labels;

    CaseListPage(QueryGateway queries, Labels labels) {
        this.queries = queries;
        this.labels = labels;
    }

    @GetMapping("/cases")
    String cases(
            @RequestParam(required = false) String from,
            @RequestParam(required = false) String to,
            @RequestParam(required = false) String group,
            @RequestParam(required = false) String type,
            @RequestParam(required = false) String subdivision,
            @RequestParam(required = false) String status,
            @RequestParam(required = false) String after,
            @RequestHeader(name = "HX-Request", required = false) String htmx,
            @RequestHeader(name = "HX-History-Restore-Request", required = false) String historyRestore,
            Locale locale,
            Model model) {
        Map<String, String> filters = new LinkedHashMap<>();
        filters.put("from", blankToNull(from));
        filters.put("to", blankToNull(to));
        filters.put("group", blankToNull(group));
        filters.put("type", blankToNull(type));
        filters.put("subdivision", blankToNull(subdivision));
        filters.put("status", blankToNull(status));
        // Field -> message key, in the form's order: the summary lists them so, each linked to its field.
        Map<String, String> errors = new LinkedHashMap<>();
        LocalDate fromDate = date(filters.get("from"), "from", errors);
        LocalDate toDate = date(filters.get("to"), "to", errors);
        if (fromDate != null && toDate != null && fromDate.isAfter(toDate)) {
            errors.put("to", "page.cases.error.range");
        }
        known(SchemeName.AGGRESSION_GROUP, filters.get("group"), "group", errors);
        known(SchemeName.AGGRESSION_TYPE, filters.get("type"), "type", errors);
        known(SchemeName.SUBDIVISION, filters.get("subdivision"), "subdivision", errors);
        known(SchemeName.VERIFICATION_STATUS, filters.get("status"), "status", errors);
        CaseCursor cursor = null;
        String cursorText = blankToNull(after);
        if (cursorText != null) {
            try {
                cursor = CaseCursor.decode(cursorText);
            } catch (Rejection invalid) {
                errors.put("after", "page.cases.error.cursor");
            }
        }

        List<Row> rows = List.of();
        String next = null;
        if (errors.isEmpty()) {
            CasePageView page = queries.query(
                            new ListCasesQuery(
                                    fromDate,
                                    toDate,
                                    filters.get("type"),
                                    filters.get("group"),
                                    filters.get("subdivision"),
                                    filters.get("status"),
                                    cursor,
                                    PAGE_SIZE),
                            ResponseTypes.instanceOf(CasePageView.class))
                    .join();
            rows = page.items().stream().map(item -> row(item, locale)).toList();
            next = page.next() == null ? null : address(filters, page.next());
        } else {
            // By field and code only: the values are what someone typed.
            log.info("Case list page: refused filters {}", errors);
        }

        model.addAttribute("filters", filters);
        model.addAttribute("errors", errors);
        model.addAttribute("rows", rows);
        model.addAttribute("next", next);
        model.addAttribute("first", cursorText == null ? null : address(filters, null));
        model.addAttribute(
                "groups", labels.all(SchemeName.AGGRESSION_GROUP, selected(filters.get("group")), false, locale));
        model.addAttribute(
                "types",
                labels.grouped(
                        SchemeName.AGGRESSION_TYPE,
                        SchemeName.AGGRESSION_GROUP,
                        selected(filters.get("type")),
                        false,
                        locale));
        model.addAttribute(
                "subdivisions",
                labels.grouped(
                        SchemeName.SUBDIVISION,
                        SchemeName.COUNTRY,
                        selected(filters.get("subdivision")),
                        false,
                        locale));
        model.addAttribute(
                "statuses", labels.all(SchemeName.VERIFICATION_STATUS, selected(filters.get("status")), false, locale));
        boolean fragment = htmx != null && historyRestore == null;
        model.addAttribute("htmx", fragment);
        return fragment ? "cases :: results" : "cases";
    }

    /** One line of the table: codes with their labels in the page's language. */
    record Row(
            String attackId,
            String occurredOn,
            Option country,
            Option subdivision,
            Option targetKind,
            List<Option> types,
            Option status,
            int corrections,
            LocalDate recordedOn) {}

    private Row row(CaseSummaryView item, Locale locale) {
        return new Row(
                item.attackId(),
                item.occurredOn(),
                labels.option(SchemeName.COUNTRY, item.country(), locale),
                labels.option(SchemeName.SUBDIVISION, item.subdivision(), locale),
                labels.option(SchemeName.TARGET_KIND, item.targetKind(), locale),
                item.aggressionTypes().stream()
                        .map(code -> labels.option(SchemeName.AGGRESSION_TYPE, code, locale))
                        .toList(),
                labels.option(SchemeName.VERIFICATION_STATUS, item.verificationStatus(), locale),
                item.corrections(),
                item.recordedAt().atOffset(ZoneOffset.UTC).toLocalDate());
    }

    private void known(SchemeName scheme, String code, String field, Map<String, String> errors) {
        if (code != null && !labels.known(scheme, code)) {
            errors.put(field, "page.cases.error.code");
        }
    }

    private static LocalDate date(String text, String field, Map<String, String> errors) {
        if (text == null) {
            return null;
        }
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            errors.put(field, "page.cases.error.date");
            return null;
        }
    }

    /** This list's address with the same filters, from the cursor given (or the first page). */
    static String address(Map<String, String> filters, String after) {
        UriComponentsBuilder uri = UriComponentsBuilder.fromPath("/cases");
        filters.forEach((name, value) -> {
            if (value != null) {
                uri.queryParam(name, value);
            }
        });
        if (after != null) {
            uri.queryParam("after", after);
        }
        return uri.encode().build().toUriString();
    }

    private static List<String> selected(String code) {
        return code == null ? List.of() : List.of(code);
    }

    static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
