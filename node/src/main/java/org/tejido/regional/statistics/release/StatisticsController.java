package org.tejido.regional.statistics.release;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.context.annotation.Profile;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.tejido.ledger.note.NoteException;
import org.tejido.ledger.note.SignedNote;
import org.tejido.platform.problem.Rejection;
import org.tejido.regional.statistics.catalogue.ProtectedRelease;
import org.tejido.regional.statistics.catalogue.Selection;
import org.tejido.regional.statistics.disclosure.Parameters;
import org.tejido.regional.statistics.store.OriginFreshness;
import org.tejido.regional.statistics.store.StatisticsReader;

/**
 * The regional team's statistics over HTTP (docs/statistics-releases.md): the provisional tables of a
 * year, the origins' freshness, releases published and publishing one, each table as JSON or CSV. Every
 * figure is a selection of a protected release: a filter picks rows and columns, it never protects again.
 */
@RestController
@Profile("regional")
@RequestMapping("/api/statistics")
class StatisticsController {
    private final Releases releases;
    private final StatisticsReader reader;
    private final ReleaseSigner signer;
    private final Parameters floor;
    private final TableExport export;

    StatisticsController(Releases releases, StatisticsReader reader, ReleaseSigner signer, TableExport export) {
        this.releases = releases;
        this.reader = reader;
        this.signer = signer;
        this.export = export;
        this.floor = releases.floor();
    }

    /** A year's provisional tables, selected by table, country, period and category; JSON or CSV. */
    @GetMapping("/tables")
    ResponseEntity<byte[]> tables(
            @RequestParam int year,
            @RequestParam Optional<List<String>> tables,
            @RequestParam Optional<List<String>> countries,
            @RequestParam Optional<List<String>> periods,
            @RequestParam Optional<List<String>> categories,
            @RequestParam Optional<String> format) {
        ProtectedRelease release = releases.provisional(year, floor);
        Selection selection = new Selection(
                tables.map(StatisticsController::sorted),
                countries.map(StatisticsController::sorted),
                periods.map(StatisticsController::sorted),
                categories.map(StatisticsController::sorted));
        return export.tables(release, selection, format);
    }

    @GetMapping("/freshness")
    List<Map<String, Object>> freshness() {
        List<Map<String, Object>> out = new ArrayList<>();
        Map<String, Long> records = reader.recordsPerOrigin();
        for (OriginFreshness o : reader.freshness()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("origin", o.origin());
            o.checkpoint().ifPresent(c -> {
                m.put("treeSize", c.size());
                m.put("rootHash", c.rootHashHex());
                m.put("acceptedAt", c.acceptedAt().toString());
            });
            o.age().ifPresent(a -> m.put("ageSeconds", a.toSeconds()));
            m.put("entriesWithContent", records.getOrDefault(o.origin(), 0L));
            m.put("stale", o.stale());
            m.put("equivocation", o.equivocation());
            out.add(m);
        }
        return out;
    }

    record PublishRequest(Integer year, Integer threshold, Integer minWidth) {}

    /** Publishes the next release of a year, with T and W no lower than the aggregator's. */
    @PostMapping("/releases")
    ResponseEntity<Map<String, Object>> publish(@RequestBody PublishRequest request) {
        if (request == null || request.year() == null) {
            throw Rejection.invalid("request.invalid-fields", "year");
        }
        int threshold = Optional.ofNullable(request.threshold()).orElse(floor.threshold());
        int minWidth = Optional.ofNullable(request.minWidth()).orElse(floor.minWidth());
        if (threshold < floor.threshold() || minWidth < floor.minWidth()) {
            throw Rejection.invalid("statistics.invalid-parameters");
        }
        StoredRelease stored = releases.publish(request.year(), new Parameters(threshold, minWidth));
        return ResponseEntity.created(URI.create("/api/statistics/releases/" + stored.period() + "/" + stored.number()))
                .body(summary(stored));
    }

    @GetMapping("/releases")
    List<Map<String, Object>> list() {
        return releases.all().stream().map(StatisticsController::summary).toList();
    }

    /** A release's content (its canonical JSON, the bytes its note names), or its CSV form. */
    @GetMapping("/releases/{year}/{number}")
    ResponseEntity<byte[]> release(
            @PathVariable int year, @PathVariable int number, @RequestParam Optional<String> format) {
        return export.render(stored(year, number).content(), format);
    }

    /** The signed note: c2sp.org/signed-note, text {@code tejido-release/v1}. */
    @GetMapping(value = "/releases/{year}/{number}/note", produces = MediaType.TEXT_PLAIN_VALUE)
    byte[] note(@PathVariable int year, @PathVariable int number) {
        return stored(year, number).note();
    }

    /** The release key, as a signed-note verifier key. */
    @GetMapping(value = "/release-key", produces = MediaType.TEXT_PLAIN_VALUE)
    String releaseKey() {
        return signer.verifierKey().format() + "\n";
    }

    private StoredRelease stored(int year, int number) {
        return releases.find(year, number).orElseThrow(() -> Rejection.notFound("statistics.release-not-found"));
    }

    private static Map<String, Object> summary(StoredRelease r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("period", r.period());
        m.put("number", r.number());
        m.put("publishedAt", r.publishedAt().toString());
        try {
            ReleaseNote note = ReleaseNote.parse(SignedNote.parse(r.note()).text());
            m.put("threshold", note.parameters().threshold());
            m.put("minWidth", note.parameters().minWidth());
            m.put("algorithm", note.algorithm());
            List<Map<String, Object>> sources = new ArrayList<>();
            note.sources().forEach(s -> {
                Map<String, Object> source = new LinkedHashMap<>();
                source.put("origin", s.origin());
                source.put("treeSize", s.treeSize());
                source.put("rootHash", java.util.HexFormat.of().formatHex(s.rootHash()));
                sources.add(source);
            });
            m.put("sources", sources);
        } catch (NoteException e) {
            throw new IllegalStateException("a stored release no longer parses", e);
        }
        return m;
    }

    private static java.util.SortedSet<String> sorted(List<String> values) {
        return new java.util.TreeSet<>(values);
    }
}
