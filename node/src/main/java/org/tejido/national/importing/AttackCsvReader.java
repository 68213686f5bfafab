package org.tejido.national.importing;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.tejido.national.attack.AttackFacts;
import org.tejido.national.attack.Classification;
import org.tejido.national.attack.Location;
import org.tejido.national.attack.PartialDate;
import org.tejido.national.attack.PerpetratorInvolvement;
import org.tejido.national.attack.Source;
import org.tejido.national.attack.Target;
import org.tejido.national.importing.AttackCsvFormat.Column;
import org.tejido.platform.problem.Rejection;

/**
 * Turns the bytes of an attack CSV into rows: each one either parsed into facts and a classification or
 * rejected with the reason, so that one bad cell never hides the others. It only reads: whether codes
 * exist and defenders are registered is for {@code AttackRules}, as for any other way in.
 */
final class AttackCsvReader {
    private static final Pattern LIST = Pattern.compile(Pattern.quote(AttackCsvFormat.LIST_SEPARATOR));

    private final int maxRows;

    AttackCsvReader(int maxRows) {
        this.maxRows = maxRows;
    }

    /**
     * @throws Rejection when the file cannot be read as a CSV with a usable header
     * @throws Rejection of kind TOO_LARGE when it has more than {@code maxRows} data rows
     */
    List<CsvRow> read(byte[] body) {
        String text = decode(body);
        if (text.isBlank()) {
            throw Rejection.malformed("csv.header-missing");
        }
        List<CsvRow> rows = new ArrayList<>();
        try (CSVParser parser = CSVParser.parse(new StringReader(text), AttackCsvFormat.format(headerLine(text)))) {
            Iterator<CSVRecord> records = parser.iterator();
            Map<Column, Integer> positions = null;
            int width = 0;
            while (true) {
                // Counted before the record is read, with empty lines kept as records: this is the
                // physical line the record starts on, even after quoted line breaks in a narrative.
                long line = parser.getCurrentLineNumber() + 1;
                if (!next(records, line)) {
                    break;
                }
                CSVRecord record = records.next();
                if (blank(record)) {
                    continue;
                }
                if (positions == null) {
                    positions = AttackCsvFormat.positions(record.toList());
                    width = record.size();
                    continue;
                }
                if (rows.size() == maxRows) {
                    throw new Rejection(Rejection.Kind.TOO_LARGE, "csv.too-many-rows", String.valueOf(maxRows));
                }
                rows.add(row(line, record, positions, width));
            }
            if (positions == null) {
                throw Rejection.malformed("csv.header-missing");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return rows;
    }

    private static boolean next(Iterator<CSVRecord> records, long line) {
        try {
            return records.hasNext();
        } catch (UncheckedIOException e) {
            // Broken quoting: everything after it would be misread, so the file is refused as a whole.
            throw Rejection.malformed("csv.malformed", String.valueOf(line));
        }
    }

    private static String decode(byte[] body) {
        try {
            String text = StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(body))
                    .toString();
            return text.startsWith("\uFEFF") ? text.substring(1) : text;
        } catch (CharacterCodingException e) {
            // Typically a spreadsheet saved as Windows-1252: better refused than imported as mojibake.
            throw Rejection.malformed("csv.encoding");
        }
    }

    private static String headerLine(String text) {
        return text.lines().filter(l -> !l.isBlank()).findFirst().orElse("");
    }

    /** Empty lines, and the rows of bare commas spreadsheets leave after the data. */
    private static boolean blank(CSVRecord record) {
        return record.stream().allMatch(String::isBlank);
    }

    private static CsvRow row(long line, CSVRecord record, Map<Column, Integer> positions, int width) {
        if (record.size() != width) {
            return new CsvRow.Rejected(
                    line, "csv.column-count", List.of(String.valueOf(width), String.valueOf(record.size())));
        }
        Cells cells = new Cells(record, positions);
        try {
            AttackFacts facts = new AttackFacts(
                    new Target(
                            cells.required(Column.TARGET_KIND),
                            cells.optional(Column.RELATIONSHIP),
                            cells.list(Column.DEFENDERS)),
                    PartialDate.parse(cells.required(Column.OCCURRED_ON)),
                    new Location(
                            cells.required(Column.COUNTRY),
                            cells.optional(Column.SUBDIVISION),
                            cells.optional(Column.MUNICIPALITY)),
                    cells.pairs(Column.SOURCES).stream()
                            .map(p -> new Source(p.code(), p.qualifier()))
                            .toList(),
                    cells.required(Column.VERIFICATION_STATUS),
                    cells.optional(Column.NARRATIVE));
            Classification classification = new Classification(
                    cells.list(Column.AGGRESSION_TYPES),
                    cells.pairs(Column.PERPETRATORS).stream()
                            .map(p -> new PerpetratorInvolvement(p.code(), p.qualifier()))
                            .toList(),
                    cells.list(Column.RIGHTS_DEFENDED),
                    cells.list(Column.GENDER_ELEMENTS));
            return new CsvRow.Parsed(line, facts, classification);
        } catch (Rejection e) {
            return new CsvRow.Rejected(line, e.code(), e.args());
        }
    }

    /** The cells of one row by column; an absent optional column reads as empty. */
    private record Cells(CSVRecord record, Map<Column, Integer> positions) {
        String optional(Column column) {
            Integer at = positions.get(column);
            String value = at == null ? "" : record.get(at).strip();
            return value.isEmpty() ? null : value;
        }

        String required(Column column) {
            String value = optional(column);
            if (value == null) {
                throw Rejection.invalid("field.required", column.header());
            }
            return value;
        }

        List<String> list(Column column) {
            String value = optional(column);
            if (value == null) {
                return List.of();
            }
            List<String> items = new ArrayList<>();
            for (String item : LIST.split(value, -1)) {
                if (!item.isBlank()) {
                    items.add(item.strip());
                }
            }
            return items;
        }

        List<Pair> pairs(Column column) {
            List<Pair> pairs = new ArrayList<>();
            for (String item : list(column)) {
                int at = item.indexOf(AttackCsvFormat.PAIR_SEPARATOR);
                String code = at < 0 ? "" : item.substring(0, at).strip();
                String qualifier = at < 0 ? "" : item.substring(at + 1).strip();
                if (code.isEmpty() || qualifier.isEmpty()) {
                    throw Rejection.invalid("csv.malformed-pair", column.header(), shortened(item));
                }
                pairs.add(new Pair(code, qualifier));
            }
            return pairs;
        }

        private static String shortened(String text) {
            return text.length() <= 40 ? text : text.substring(0, 40) + "…";
        }
    }

    /** {@code police:direct}, {@code media:probably-true}. */
    private record Pair(String code, String qualifier) {}
}
