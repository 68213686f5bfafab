package org.tejido.regional.statistics.release;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.springframework.context.annotation.Profile;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import org.tejido.platform.problem.Rejection;
import org.tejido.regional.statistics.catalogue.CatalogueRefusal;
import org.tejido.regional.statistics.catalogue.ProtectedRelease;
import org.tejido.regional.statistics.catalogue.Selection;

/**
 * A protected release's bytes as the analyst asked for them: its canonical JSON as it is, or the CSV
 * written from that JSON. The API and the dashboard's downloads answer through this one class, so a
 * table downloaded from the page is byte for byte the one the API gives.
 */
@Component
@Profile("regional")
public class TableExport {
    static final MediaType CSV = new MediaType("text", "csv", StandardCharsets.UTF_8);

    private final ObjectMapper json;

    TableExport(ObjectMapper json) {
        this.json = json;
    }

    /**
     * The part of a protected release a selection keeps, rendered; a key no table has is refused
     * ({@code statistics.unknown-selection}, naming the dimension).
     */
    public ResponseEntity<byte[]> tables(ProtectedRelease release, Selection selection, Optional<String> format) {
        byte[] content;
        try {
            content = release.select(selection).canonicalJson();
        } catch (CatalogueRefusal refusal) {
            throw Rejection.malformed(refusal.code(), refusal.arguments().toArray(String[]::new));
        }
        return render(content, format);
    }

    /**
     * @param format {@code json} (the default) or {@code csv}; anything else is refused
     *     ({@code request.invalid-parameter}, naming {@code format})
     */
    public ResponseEntity<byte[]> render(byte[] content, Optional<String> format) {
        String f = format.orElse("json");
        if (f.equals("json")) {
            return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(content);
        }
        if (f.equals("csv")) {
            try {
                JsonNode tree = json.readTree(content);
                return ResponseEntity.ok()
                        .contentType(CSV)
                        .header("Content-Disposition", "attachment; filename=\"tejido-statistics.csv\"")
                        .body(TableCsv.write(tree).getBytes(StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        throw Rejection.malformed("request.invalid-parameter", "format");
    }
}
