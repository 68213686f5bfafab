package org.tejido.national.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.springframework.stereotype.Component;
import org.tejido.national.sharing.CaseShare;
import org.tejido.national.sharing.PublicShare;
import org.tejido.national.sharing.SharedAttack;
import org.tejido.national.sharing.StatisticsShare;
import org.tejido.vocabulary.SchemeName;

/**
 * A shared view ({@link SharedAttack}, what Minimization lets leave the node) as the rows a page
 * shows: every field of the record, each under its label, codes with their labels. Built from the
 * record itself, field by field, so the preview shows what leaves and nothing else. The contributors'
 * pseudonyms show as their number, under a label that says one pseudonym per person or group leaves.
 */
@Component
class SharedViewRows {
    /** One field of the shared view: its label's key, and its values as shown. */
    record Row(String field, String labelKey, List<String> values) {}

    private final Labels labels;

    SharedViewRows(Labels labels) {
        this.labels = labels;
    }

    /** The rows of a shared view; none for nothing shared (the scope none). */
    List<Row> of(SharedAttack shared, Locale locale) {
        List<Row> rows = new ArrayList<>();
        if (shared instanceof StatisticsShare s) {
            statistics(s, rows, locale);
        } else if (shared instanceof CaseShare c) {
            caseShare(c, rows, locale);
        } else if (shared instanceof PublicShare p) {
            caseShare(p.caseShare(), rows, locale);
            rows.add(text("publicName", p.publicName()));
            rows.add(text("publicSummary", p.publicSummary()));
        }
        return rows;
    }

    private void caseShare(CaseShare c, List<Row> rows, Locale locale) {
        rows.add(text("caseId", c.caseId()));
        rows.add(text("occurredOn", c.occurredOn()));
        rows.add(text("summary", c.summary()));
        statistics(c.statistics(), rows, locale);
    }

    private void statistics(StatisticsShare s, List<Row> rows, Locale locale) {
        rows.add(codes("country", SchemeName.COUNTRY, List.of(s.country()), locale));
        rows.add(codes("subdivision", SchemeName.SUBDIVISION, nonNull(s.subdivision()), locale));
        rows.add(text("period", s.period()));
        rows.add(codes("targetKind", SchemeName.TARGET_KIND, nonNull(s.targetKind()), locale));
        // How many, not the pseudonyms: they mean nothing to a reader here, and the label says they leave.
        rows.add(new Row(
                "contributors",
                "page.shared.contributors",
                List.of(String.valueOf(s.contributors().size()))));
        rows.add(codes("aggressionTypes", SchemeName.AGGRESSION_TYPE, s.aggressionTypes(), locale));
        rows.add(new Row(
                "perpetrators",
                "page.shared.perpetrators",
                s.perpetrators().stream()
                        .map(p -> shown(SchemeName.PERPETRATOR, p.perpetrator(), locale)
                                + (p.involvement() == null
                                        ? ""
                                        : ": " + shown(SchemeName.INVOLVEMENT, p.involvement(), locale)))
                        .toList()));
        rows.add(codes("rightsDefended", SchemeName.RIGHT_DEFENDED, s.rightsDefended(), locale));
        rows.add(codes("genderElements", SchemeName.GENDER_ELEMENT, s.genderElements(), locale));
        rows.add(codes("verificationStatus", SchemeName.VERIFICATION_STATUS, nonNull(s.verificationStatus()), locale));
    }

    private static Row text(String field, String value) {
        return new Row(field, "page.shared." + field, value == null ? List.of() : List.of(value));
    }

    private Row codes(String field, SchemeName scheme, List<String> codes, Locale locale) {
        return new Row(
                field,
                "page.shared." + field,
                codes.stream().map(code -> shown(scheme, code, locale)).toList());
    }

    private String shown(SchemeName scheme, String code, Locale locale) {
        Labels.Option option = labels.option(scheme, code, locale);
        return option.label().equals(code) ? code : option.label() + " (" + code + ")";
    }

    private static List<String> nonNull(String value) {
        return value == null ? List.of() : List.of(value);
    }
}
