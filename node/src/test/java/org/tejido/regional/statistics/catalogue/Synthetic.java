package org.tejido.regional.statistics.catalogue;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.TreeSet;
import org.tejido.regional.statistics.StatisticsRecord;
import org.tejido.vocabulary.Scheme;
import org.tejido.vocabulary.Term;
import org.tejido.vocabulary.Vocabulary;

/**
 * Synthetic records of 2026 drawn from the vocabulary: skewed over countries and codes so that small
 * cells exist; one to three types, up to two perpetrators, rights and elements; about three attacks per
 * person; one in twenty known only by its year; one in a hundred public.
 */
final class Synthetic {
    private static final Vocabulary VOCABULARY = Vocabulary.load();

    private Synthetic() {}

    static List<StatisticsRecord> records(Random random, int n, List<String> countries) {
        List<String> types = active("aggression-type");
        List<String> perpetrators = active("perpetrator");
        List<String> rights = active("right-defended");
        List<String> elements = active("gender-element");
        List<StatisticsRecord> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            String country = countries.get(skewed(random, countries.size()));
            String period = random.nextInt(20) == 0 ? "2026" : String.format("2026-%02d", 1 + random.nextInt(12));
            boolean isPublic = random.nextInt(100) == 0;
            List<StatisticsRecord.Perpetrator> who = new ArrayList<>();
            for (String p : some(random, perpetrators, random.nextInt(3))) {
                who.add(new StatisticsRecord.Perpetrator(p, "direct"));
            }
            out.add(new StatisticsRecord(
                    "node.example.org/" + country + "/v1",
                    String.format("%032x", i),
                    i,
                    isPublic ? StatisticsRecord.PUBLIC : "statistics",
                    country,
                    period,
                    "individual",
                    "verified",
                    some(random, types, 1 + random.nextInt(3)),
                    who,
                    some(random, rights, random.nextInt(3)),
                    some(random, elements, random.nextInt(3)),
                    new TreeSet<>(List.of(country + "-person-" + random.nextInt(Math.max(1, n / 3)))),
                    isPublic ? Optional.of("Defensora " + i) : Optional.empty()));
        }
        return out;
    }

    private static TreeSet<String> some(Random random, List<String> codes, int k) {
        TreeSet<String> out = new TreeSet<>();
        while (out.size() < k) {
            out.add(codes.get(skewed(random, codes.size())));
        }
        return out;
    }

    /** Low indices far more often than high ones. */
    private static int skewed(Random random, int size) {
        return Math.min(size - 1, (int) Math.floor(Math.abs(random.nextGaussian()) * size / 2.5));
    }

    private static List<String> active(String scheme) {
        return VOCABULARY.scheme(scheme).map(Scheme::terms).orElseThrow().stream()
                .filter(t -> !t.retired())
                .map(Term::code)
                .toList();
    }
}
