package org.tejido.regional.statistics.catalogue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.tejido.regional.statistics.StatisticsRecord;
import org.tejido.regional.statistics.disclosure.CellSpec;
import org.tejido.regional.statistics.disclosure.Parameters;
import org.tejido.vocabulary.Vocabulary;

/**
 * How long the catalogue takes to build the disclosure-control model of a synthetic year (inner cells
 * and every cell's inner cells), and, with {@code --protect}, the engine on it. Prints the number of
 * inner cells, cells and cell memberships; as a baseline in the same run, the time to group the records
 * by signature alone.
 *
 * <pre>
 *   deploy/bench/run-java-benchmark.sh org.tejido.regional.statistics.catalogue.CatalogueBenchmark \
 *       [--records=50000] [--countries=5] [--seed=1] [--protect]
 * </pre>
 */
public final class CatalogueBenchmark {
    private CatalogueBenchmark() {}

    public static void main(String[] args) {
        Map<String, String> options = new HashMap<>();
        for (String arg : args) {
            String[] kv = arg.replaceFirst("^--", "").split("=", 2);
            options.put(kv[0], kv.length > 1 ? kv[1] : "true");
        }
        int n = Integer.parseInt(options.getOrDefault("records", "50000"));
        int countries = Integer.parseInt(options.getOrDefault("countries", "5"));
        long seed = Long.parseLong(options.getOrDefault("seed", "1"));
        List<String> codes = List.of("MX", "GT", "HN", "SV", "NI").subList(0, countries);
        List<StatisticsRecord> records = Synthetic.records(new Random(seed), n, codes);
        Catalogue catalogue = new Catalogue(Vocabulary.load());
        // warm up the JIT on a smaller year, as the aggregator would have by its first release
        catalogue.model(2026, records.subList(0, Math.min(n, 5000)));

        // the fastest of five runs of each, taken in turn, so that both meet the same load
        long baseline = Long.MAX_VALUE;
        long build = Long.MAX_VALUE;
        CatalogueModel model = null;
        for (int run = 0; run < 5; run++) {
            long baselineStart = System.nanoTime();
            Map<String, Integer> bySignature = new HashMap<>();
            for (StatisticsRecord r : records) {
                String key = r.country() + "|" + r.period() + "|" + r.aggressionTypes() + "|" + r.perpetrators() + "|"
                        + r.rightsDefended() + "|" + r.genderElements();
                bySignature.merge(key, 1, Integer::sum);
            }
            baseline = Math.min(baseline, System.nanoTime() - baselineStart);
            long start = System.nanoTime();
            model = catalogue.model(2026, records);
            build = Math.min(build, System.nanoTime() - start);
        }
        long memberships =
                model.cells().stream().mapToLong(c -> c.innerKeys().size()).sum();
        long empty = model.cells().stream()
                .map(CellSpec::innerKeys)
                .filter(List::isEmpty)
                .count();
        System.out.printf(
                "records %d, countries %d: inner cells %d, cells %d (%d empty), memberships %d%n",
                n, countries, model.innerCells().size(), model.cells().size(), empty, memberships);
        System.out.printf(
                "build the model %.3f s; baseline (group by signature only) %.3f s%n", build / 1e9, baseline / 1e9);
        if (options.containsKey("protect")) {
            long protectStart = System.nanoTime();
            ProtectedRelease release = model.protect(Parameters.DEFAULT);
            long suppressed = release.tables().stream()
                    .flatMap(t -> t.cells().stream())
                    .filter(c -> c.figure() instanceof Figure.Suppressed)
                    .count();
            System.out.printf(
                    "protect %.1f s, %d cells suppressed%n", (System.nanoTime() - protectStart) / 1e9, suppressed);
        }
    }
}
