package org.tejido.national.importing;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.tejido.platform.problem.Rejection;

/**
 * The columns of an attack CSV (see docs/import-format.md). Columns are found by name, in any order,
 * so a network can reorder its spreadsheet; unknown names are refused rather than silently dropped, so
 * a misspelt column never loses data.
 */
final class AttackCsvFormat {
    /** Separates the values of a multi-valued cell: spreadsheets have no lists. */
    static final String LIST_SEPARATOR = "|";

    /** Separates a code from its qualifier, as in {@code police:direct}. */
    static final char PAIR_SEPARATOR = ':';

    enum Column {
        OCCURRED_ON("occurred_on", true),
        COUNTRY("country", true),
        SUBDIVISION("subdivision", false),
        MUNICIPALITY("municipality", false),
        TARGET_KIND("target_kind", true),
        RELATIONSHIP("relationship", false),
        DEFENDERS("defenders", false),
        AGGRESSION_TYPES("aggression_types", true),
        PERPETRATORS("perpetrators", true),
        RIGHTS_DEFENDED("rights_defended", true),
        GENDER_ELEMENTS("gender_elements", true),
        SOURCES("sources", true),
        VERIFICATION_STATUS("verification_status", true),
        NARRATIVE("narrative", false);

        private final String header;
        private final boolean mandatoryInHeader;

        Column(String header, boolean mandatoryInHeader) {
            this.header = header;
            this.mandatoryInHeader = mandatoryInHeader;
        }

        String header() {
            return header;
        }

        static Column byHeader(String name) {
            for (Column c : values()) {
                if (c.header.equals(name)) {
                    return c;
                }
            }
            return null;
        }
    }

    private AttackCsvFormat() {}

    /**
     * RFC 4180 with a comma, or a semicolon when the header has semicolons and no comma: that is what
     * spreadsheets in Spanish locales write, and asking exhausted registrars to change their export
     * settings buys nothing. Empty lines are kept so that line numbers stay physical; the reader skips them.
     */
    static CSVFormat format(String headerLine) {
        char delimiter = headerLine.indexOf(',') < 0 && headerLine.indexOf(';') >= 0 ? ';' : ',';
        return CSVFormat.RFC4180
                .builder()
                .setDelimiter(delimiter)
                .setIgnoreEmptyLines(false)
                .get();
    }

    /** Where each column sits in a row, from the header's names; refuses an unusable header. */
    static Map<Column, Integer> positions(List<String> header) {
        Map<Column, Integer> positions = new EnumMap<>(Column.class);
        for (int i = 0; i < header.size(); i++) {
            String name = header.get(i).strip().toLowerCase(Locale.ROOT);
            Column column = Column.byHeader(name);
            if (column == null) {
                throw Rejection.malformed("csv.unknown-column", shortened(name));
            }
            if (positions.putIfAbsent(column, i) != null) {
                throw Rejection.malformed("csv.duplicate-column", name);
            }
        }
        List<String> missing = new ArrayList<>();
        for (Column c : Column.values()) {
            if (c.mandatoryInHeader && !positions.containsKey(c)) {
                missing.add(c.header);
            }
        }
        if (!missing.isEmpty()) {
            throw Rejection.malformed("csv.missing-column", String.join(", ", missing));
        }
        return positions;
    }

    /** Problem arguments end up in logs: a stray header cell must not carry a paragraph into them. */
    private static String shortened(String text) {
        return text.length() <= 40 ? text : text.substring(0, 40) + "…";
    }
}
