package org.tejido.national.web;

import io.swagger.v3.oas.annotations.Hidden;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.util.UriComponentsBuilder;
import org.tejido.national.accesslog.AccessEntryView;
import org.tejido.national.accesslog.ListAccessLogQuery;

/**
 * The access log for coordinators: who read which subject's identifying data, and when, newest first,
 * through the same query as GET /api/access-log and with its filters and limit. It shows subjects by
 * kind and pseudonymous identifier only, never what was read. The filters are a GET form, so a view
 * of the log is an address to bookmark; "more" raises the limit as far as the API allows (1000).
 */
@Controller
@Hidden // a page, not part of the API
class AccessLogPage {
    private static final Logger log = LoggerFactory.getLogger(AccessLogPage.class);

    /** The subjects whose reads are logged (CaseReader, ProtectionController). */
    static final List<String> KINDS = List.of("attack", "defender");

    /** How many entries a page may show; the last is the API's maximum. */
    static final List<Integer> LIMITS = List.of(50, 100, 500, 1000);

    static final int DEFAULT_LIMIT = 100;
    private static final int MAX_TEXT = 200;
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'");

    private final QueryGateway queries;

    AccessLogPage(QueryGateway queries) {
        this.queries = queries;
    }

    @GetMapping("/access-log")
    String accessLog(
            @RequestParam(required = false) String subjectKind,
            @RequestParam(required = false) String subjectId,
            @RequestParam(required = false) String reader,
            @RequestParam(required = false) String limit,
            Model model) {
        Map<String, String> filters = new LinkedHashMap<>();
        filters.put("subjectKind", CaseListPage.blankToNull(subjectKind));
        filters.put("subjectId", CaseListPage.blankToNull(subjectId));
        filters.put("reader", CaseListPage.blankToNull(reader));
        Map<String, String> errors = new LinkedHashMap<>();
        if (filters.get("subjectKind") != null && !KINDS.contains(filters.get("subjectKind"))) {
            errors.put("subjectKind", "page.access-log.error.kind");
        }
        for (String field : List.of("subjectId", "reader")) {
            String text = filters.get(field);
            if (text != null && (text.length() > MAX_TEXT || text.chars().anyMatch(Character::isISOControl))) {
                errors.put(field, "page.access-log.error.text");
            }
        }
        int shown = DEFAULT_LIMIT;
        String limitText = CaseListPage.blankToNull(limit);
        if (limitText != null) {
            Integer asked = limitText.matches("\\d{1,4}") ? Integer.valueOf(limitText) : null;
            if (asked == null || !LIMITS.contains(asked)) {
                errors.put("limit", "page.access-log.error.limit");
            } else {
                shown = asked;
            }
        }

        List<Row> rows = List.of();
        String more = null;
        if (errors.isEmpty()) {
            List<AccessEntryView> entries = queries.query(
                            new ListAccessLogQuery(
                                    filters.get("subjectKind"), filters.get("subjectId"), filters.get("reader"), shown),
                            ResponseTypes.multipleInstancesOf(AccessEntryView.class))
                    .join();
            rows = entries.stream().map(AccessLogPage::row).toList();
            // A full page may have more behind it: the next limit up shows them, as far as the API goes.
            int limitShown = shown;
            int next = LIMITS.stream().filter(l -> l > limitShown).findFirst().orElse(-1);
            if (entries.size() == shown && next > 0) {
                more = address(filters, next);
            }
        } else {
            // By field and code only: the values are what someone typed.
            log.info("Access log page: refused filters {}", errors);
        }
        model.addAttribute("filters", filters);
        model.addAttribute("limit", shown);
        model.addAttribute("limits", LIMITS);
        model.addAttribute("kinds", KINDS);
        model.addAttribute("errors", errors);
        model.addAttribute("rows", rows);
        model.addAttribute("more", more);
        return "access-log";
    }

    /** One read: when, by whom (name and role), and which subject, by kind and pseudonymous id. */
    record Row(String at, String reader, String role, String subjectKind, String subjectId, boolean attack) {}

    private static Row row(AccessEntryView entry) {
        return new Row(
                WHEN.format(entry.at().atOffset(ZoneOffset.UTC)),
                entry.reader(),
                entry.role(),
                entry.subjectKind(),
                entry.subjectId(),
                "attack".equals(entry.subjectKind()));
    }

    /** This log's address with the same filters and another limit. */
    static String address(Map<String, String> filters, int limit) {
        UriComponentsBuilder uri = UriComponentsBuilder.fromPath("/access-log");
        filters.forEach((name, value) -> {
            if (value != null) {
                uri.queryParam(name, value);
            }
        });
        uri.queryParam("limit", limit);
        return uri.encode().build().toUriString();
    }
}
