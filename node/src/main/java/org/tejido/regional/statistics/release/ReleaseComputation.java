package org.tejido.regional.statistics.release;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.tejido.regional.statistics.StatisticsRecord;
import org.tejido.regional.statistics.catalogue.Catalogue;
import org.tejido.regional.statistics.catalogue.CatalogueModel;
import org.tejido.regional.statistics.catalogue.ProtectedRelease;
import org.tejido.regional.statistics.disclosure.CellSpec;
import org.tejido.regional.statistics.disclosure.Parameters;

/**
 * A year's protected tables, knowing what the year's earlier releases published
 * (docs/disclosure-control.md, "Cells published earlier"): the one computation behind a release and the
 * provisional view.
 *
 * <p>Each record's inner cell is split by its signature in every earlier release (or its absence then),
 * so that an earlier release's cell is an exact sum of this model's inner cells: the records it counted
 * that are still here. Those that have gone since (retracted, erased, moved to another year) are left
 * out, which the engine's guarantee allows for.
 */
final class ReleaseComputation {
    private ReleaseComputation() {}

    static ProtectedRelease protect(
            Catalogue catalogue,
            int year,
            List<StatisticsRecord> current,
            List<EarlierRelease> earlier,
            List<List<StatisticsRecord>> asOfEarlier,
            Parameters parameters) {
        // Per earlier release, each record's inner key as that release counted it.
        List<Map<String, String>> keysThen = new ArrayList<>();
        for (List<StatisticsRecord> then : asOfEarlier) {
            Map<String, String> keys = new HashMap<>();
            then.forEach(r -> keys.put(id(r), catalogue.innerKey(r)));
            keysThen.add(keys);
        }
        Map<String, String> tagOf = new HashMap<>();
        for (StatisticsRecord r : current) {
            StringBuilder tag = new StringBuilder();
            for (int k = 0; k < keysThen.size(); k++) {
                tag.append(k == 0 ? "" : ";")
                        .append("r")
                        .append(earlier.get(k).number())
                        .append('=');
                tag.append(keysThen.get(k).getOrDefault(id(r), "-"));
            }
            tagOf.put(id(r), tag.toString());
        }
        CatalogueModel model = catalogue.model(year, current, r -> tagOf.get(id(r)));
        Map<String, String> innerKeyNow = new HashMap<>();
        for (StatisticsRecord r : current) {
            String tag = tagOf.get(id(r));
            String key = catalogue.innerKey(r);
            innerKeyNow.put(id(r), tag.isEmpty() ? key : key + Catalogue.TAG_SEPARATOR + tag);
        }
        List<CellSpec> publishedEarlier = new ArrayList<>();
        for (int k = 0; k < earlier.size(); k++) {
            List<StatisticsRecord> stillHere = asOfEarlier.get(k).stream()
                    .filter(r -> innerKeyNow.containsKey(id(r)))
                    .toList();
            // The earlier model's inner keys end with this model's inner key, as their tag.
            CatalogueModel then = catalogue.model(year, stillHere, r -> innerKeyNow.get(id(r)));
            EarlierRelease release = earlier.get(k);
            for (CellSpec cell : then.cells()) {
                if (release.publishedCells().contains(cell.id())
                        && !cell.innerKeys().isEmpty()) {
                    List<String> keys = cell.innerKeys().stream()
                            .map(key -> key.substring(key.indexOf(Catalogue.TAG_SEPARATOR) + 2))
                            .distinct()
                            .toList();
                    publishedEarlier.add(new CellSpec("r" + release.number() + ":" + cell.id(), keys));
                }
            }
        }
        return model.protect(parameters, publishedEarlier);
    }

    private static String id(StatisticsRecord r) {
        return r.origin() + "\n" + r.targetId();
    }
}
