package org.tejido.regional.statistics.release;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * The CSV form of a release's tables (docs/statistics-releases.md, "CSV"): written from the release's
 * canonical JSON, so the two forms cannot disagree. UTF-8 with a byte order mark (spreadsheets then read
 * the accents right), RFC 4180 (CRLF, fields quoted when needed), one line per cell; a suppressed cell
 * has an empty value and {@code suppressed} true.
 */
final class TableCsv {
    static final String[] HEADER = {
        "table", "row", "column", "row_es", "row_en", "column_es", "column_en", "value", "suppressed"
    };

    private TableCsv() {}

    static String write(JsonNode release) {
        StringWriter out = new StringWriter();
        out.write('\uFEFF');
        try (CSVPrinter csv = new CSVPrinter(
                out, CSVFormat.RFC4180.builder().setHeader(HEADER).get())) {
            for (JsonNode table : release.path("tables")) {
                Map<String, JsonNode> rows = headers(table.path("rows"));
                Map<String, JsonNode> columns = headers(table.path("columns"));
                for (JsonNode cell : table.path("cells")) {
                    JsonNode row = rows.get(cell.path("row").asText());
                    JsonNode column = columns.get(cell.path("column").asText());
                    boolean suppressed = cell.path("suppressed").asBoolean(false);
                    csv.printRecord(
                            table.path("id").asText(),
                            cell.path("row").asText(),
                            cell.path("column").asText(),
                            row.path("es").asText(),
                            row.path("en").asText(),
                            column.path("es").asText(),
                            column.path("en").asText(),
                            suppressed
                                    ? ""
                                    : Integer.toString(cell.path("value").asInt()),
                            Boolean.toString(suppressed));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    private static Map<String, JsonNode> headers(JsonNode list) {
        Map<String, JsonNode> byKey = new HashMap<>();
        list.forEach(h -> byKey.put(h.path("key").asText(), h));
        return byKey;
    }
}
