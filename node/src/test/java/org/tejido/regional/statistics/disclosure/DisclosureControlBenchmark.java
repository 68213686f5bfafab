package org.tejido.regional.statistics.disclosure;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * How long protecting a release takes (deploy/bench/disclosure-control.sh, docs/benchmarks.md):
 * synthetic attacks over countries, months, aggression types (one to three per attack, in groups) and
 * perpetrators, with contributors who suffer several attacks; a catalogue of tables with their
 * hierarchies and totals. Prints the cells, how many were suppressed and why, the time to protect, and
 * as a baseline measured in the same run the time to tabulate the same cells without protection.
 *
 * <pre>
 *   deploy/bench/disclosure-control.sh [--attacks=50000] [--countries=5] [--seed=1]
 * </pre>
 */
public final class DisclosureControlBenchmark {
    record Attack(String country, int month, Set<String> types, String perpetrator, String contributor) {}

    public static void main(String[] args) {
        Map<String, String> options = new HashMap<>();
        for (String arg : args) {
            String[] kv = arg.replaceFirst("^--", "").split("=", 2);
            options.put(kv[0], kv.length > 1 ? kv[1] : "true");
        }
        int attacks = Integer.parseInt(options.getOrDefault("attacks", "50000"));
        int countries = Integer.parseInt(options.getOrDefault("countries", "5"));
        long seed = Long.parseLong(options.getOrDefault("seed", "1"));
        Random random = new Random(seed);
        List<String> countryCodes = new ArrayList<>();
        for (int c = 0; c < countries; c++) {
            countryCodes.add("C" + c);
        }
        // 30 types in 6 groups; some types and countries rare, so that small cells exist
        List<String> types = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            types.add("g" + (i / 5) + ".t" + (i % 5));
        }
        List<String> perpetrators = List.of("state", "police", "army", "private", "organised", "unknown");
        List<Attack> data = new ArrayList<>(attacks);
        for (int i = 0; i < attacks; i++) {
            String country = countryCodes.get(
                    Math.min(countries - 1, (int) Math.floor(Math.abs(random.nextGaussian()) * countries / 2.0)));
            int month = 1 + random.nextInt(12);
            Set<String> ts = new TreeSet<>();
            int n = 1 + random.nextInt(3);
            while (ts.size() < n) {
                ts.add(types.get(Math.min(29, (int) Math.floor(Math.abs(random.nextGaussian()) * 10))));
            }
            String perpetrator = perpetrators.get(random.nextInt(perpetrators.size()));
            // a contributor suffers about three attacks on average
            String contributor = country + "-d" + random.nextInt(Math.max(1, attacks / 3));
            data.add(new Attack(country, month, ts, perpetrator, contributor));
        }

        long tabulateStart = System.nanoTime();
        Catalogue catalogue = new Catalogue(data);
        for (String country : withTotal(countryCodes)) {
            Predicate<Attack> inCountry =
                    a -> country.equals("*") || a.country().equals(country);
            // country × month, quarter and year
            for (int m = 1; m <= 12; m++) {
                int month = m;
                catalogue.cell("month/" + country + "/" + m, inCountry.and(a -> a.month() == month));
            }
            for (int q = 1; q <= 4; q++) {
                int quarter = q;
                catalogue.cell("month/" + country + "/Q" + q, inCountry.and(a -> (a.month() - 1) / 3 + 1 == quarter));
            }
            catalogue.cell("month/" + country + "/year", inCountry);
            // country × type and group, for the year
            for (String type : types) {
                catalogue.cell(
                        "type/" + country + "/" + type,
                        inCountry.and(a -> a.types().contains(type)));
            }
            for (int g = 0; g < 6; g++) {
                String group = "g" + g + ".";
                catalogue.cell(
                        "type/" + country + "/" + group,
                        inCountry.and(a -> a.types().stream().anyMatch(t -> t.startsWith(group))));
            }
            // country × perpetrator
            for (String p : perpetrators) {
                catalogue.cell(
                        "perpetrator/" + country + "/" + p,
                        inCountry.and(a -> a.perpetrator().equals(p)));
            }
            // quarter × group, per country
            for (int q = 1; q <= 4; q++) {
                int quarter = q;
                for (int g = 0; g < 6; g++) {
                    String group = "g" + g + ".";
                    catalogue.cell(
                            "quarter-group/" + country + "/Q" + q + "/" + group,
                            inCountry.and(a -> (a.month() - 1) / 3 + 1 == quarter
                                    && a.types().stream().anyMatch(t -> t.startsWith(group))));
                }
            }
        }
        List<InnerCell> inner = catalogue.inner();
        List<CellSpec> cells = catalogue.cells();
        long tabulated = System.nanoTime() - tabulateStart;

        long start = System.nanoTime();
        List<ProtectedCell> release = DisclosureControl.protect(inner, cells, Parameters.DEFAULT);
        long protectedIn = System.nanoTime() - start;

        long primary = release.stream()
                .filter(c -> c.outcome() instanceof Outcome.Suppressed s && s.reason() == Outcome.Reason.PRIMARY)
                .count();
        long secondary = release.stream()
                .filter(c -> c.outcome() instanceof Outcome.Suppressed s && s.reason() == Outcome.Reason.SECONDARY)
                .count();
        System.out.printf(
                "attacks %d, countries %d: %d inner cells, %d published cells%n",
                attacks, countries, inner.size(), cells.size());
        System.out.printf("suppressed: %d primary, %d secondary%n", primary, secondary);
        System.out.printf("protect (T=5, W=5): %.1f s%n", protectedIn / 1e9);
        System.out.printf("baseline, tabulate the same cells without protection: %.2f s%n", tabulated / 1e9);
    }

    private static List<String> withTotal(List<String> codes) {
        List<String> all = new ArrayList<>(codes);
        all.add("*");
        return all;
    }

    /** Inner cells keyed by every code the catalogue uses; cells as the inner cells they add up. */
    static final class Catalogue {
        private final Map<String, List<Attack>> byKey = new TreeMap<>();
        private final Map<String, Attack> sample = new LinkedHashMap<>();
        private final List<CellSpec> cells = new ArrayList<>();

        Catalogue(List<Attack> data) {
            for (Attack a : data) {
                String key = a.country() + "|" + a.month() + "|" + String.join("+", a.types()) + "|" + a.perpetrator();
                byKey.computeIfAbsent(key, k -> new ArrayList<>()).add(a);
                sample.putIfAbsent(key, a);
            }
        }

        void cell(String id, Predicate<Attack> keep) {
            List<String> keys = new ArrayList<>();
            sample.forEach((key, a) -> {
                if (keep.test(a)) {
                    keys.add(key);
                }
            });
            cells.add(new CellSpec(id, keys));
        }

        List<InnerCell> inner() {
            List<InnerCell> out = new ArrayList<>();
            byKey.forEach((key, list) -> {
                TreeSet<String> contributors = new TreeSet<>();
                list.forEach(a -> contributors.add(a.contributor()));
                out.add(new InnerCell(key, list.size(), contributors, 0));
            });
            return out;
        }

        List<CellSpec> cells() {
            return cells;
        }
    }
}
