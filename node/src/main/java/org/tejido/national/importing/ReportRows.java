package org.tejido.national.importing;

import java.util.List;
import java.util.Map;

/**
 * An import's report as the page shows it: counts, and each refused row by line, column and code with
 * the key of the page's sentence. Only arguments that are numbers the format itself gives (cell counts)
 * are kept: every other argument of a refusal can quote a cell (a date, a code typed as a name, a
 * defender's code), and a cell may be a person's name.
 */
record ReportRows(int rowsRead, int imported, boolean refused, String mode, List<Row> rows) {

    record Row(long line, String column, String code, String sentence, List<String> args) {}

    static ReportRows of(ImportReport report) {
        return new ReportRows(
                report.rowsRead(),
                report.imported(),
                report.refused(),
                report.mode().parameter(),
                report.rejected().stream().map(ReportRows::row).toList());
    }

    private static Row row(CsvRow.Rejected rejected) {
        String code = rejected.code();
        boolean worded = WORDED.contains(code);
        List<String> args = code.equals("csv.column-count") ? rejected.args() : List.of();
        return new Row(
                rejected.line(),
                column(code, rejected.args()),
                code,
                "page.imports.row." + (worded ? code : "other"),
                args);
    }

    /** The refusals the page words; any other is shown by its code with a general sentence. */
    static final List<String> WORDED = List.of(
            "field.required",
            "field.too-long",
            "field.too-many",
            "field.nul-character",
            "date.malformed",
            "date.impossible",
            "date.future",
            "vocabulary.unknown-code",
            "vocabulary.retired-code",
            "location.subdivision-outside-country",
            "attack.aggression-type-required",
            "attack.relationship-only-for-close-person",
            "attack.unknown-defender",
            "attack.duplicate-defender",
            "csv.column-count",
            "csv.malformed-pair");

    /** The API's field names and vocabulary schemes, as the CSV's columns (docs/import-format.md). */
    private static final Map<String, String> COLUMNS = Map.ofEntries(
            Map.entry("occurredOn", "occurred_on"),
            Map.entry("location", "country"),
            Map.entry("location.country", "country"),
            Map.entry("country", "country"),
            Map.entry("location.subdivision", "subdivision"),
            Map.entry("subdivision", "subdivision"),
            Map.entry("location.municipality", "municipality"),
            Map.entry("target", "target_kind"),
            Map.entry("target.kind", "target_kind"),
            Map.entry("target-kind", "target_kind"),
            Map.entry("target.relationship", "relationship"),
            Map.entry("relationship", "relationship"),
            Map.entry("target.defenders", "defenders"),
            Map.entry("aggressionTypes", "aggression_types"),
            Map.entry("classification", "aggression_types"),
            Map.entry("aggression-type", "aggression_types"),
            Map.entry("perpetrators", "perpetrators"),
            Map.entry("perpetrator", "perpetrators"),
            Map.entry("involvement", "perpetrators"),
            Map.entry("rightsDefended", "rights_defended"),
            Map.entry("right-defended", "rights_defended"),
            Map.entry("genderElements", "gender_elements"),
            Map.entry("gender-element", "gender_elements"),
            Map.entry("sources", "sources"),
            Map.entry("sources.kind", "sources"),
            Map.entry("source-kind", "sources"),
            Map.entry("source-reliability", "sources"),
            Map.entry("verificationStatus", "verification_status"),
            Map.entry("verification-status", "verification_status"),
            Map.entry("narrative", "narrative"));

    /** The column a refusal is about, or null when it is about the whole row. */
    static String column(String code, List<String> args) {
        String first = args.isEmpty() ? "" : args.get(0);
        return switch (code) {
            case "date.malformed", "date.impossible", "date.future" -> "occurred_on";
            case "location.subdivision-outside-country" -> "subdivision";
            case "attack.aggression-type-required" -> "aggression_types";
            case "attack.relationship-only-for-close-person" -> "relationship";
            case "attack.unknown-defender", "attack.duplicate-defender" -> "defenders";
            case "csv.malformed-pair" -> known(first);
            case "vocabulary.unknown-code",
                    "vocabulary.retired-code",
                    "field.required",
                    "field.too-long",
                    "field.too-many",
                    "field.nul-character" -> known(first);
            default -> null;
        };
    }

    /** A column of the format, named as the reader names it or through the API's field and scheme names. */
    private static String known(String name) {
        if (AttackCsvFormat.Column.byHeader(name) != null) {
            return name;
        }
        return COLUMNS.get(name);
    }
}
