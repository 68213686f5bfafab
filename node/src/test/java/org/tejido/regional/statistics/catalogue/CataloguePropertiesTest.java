package org.tejido.regional.statistics.catalogue;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.tejido.regional.statistics.StatisticsRecord;
import org.tejido.regional.statistics.disclosure.Parameters;
import org.tejido.vocabulary.Vocabulary;

class CataloguePropertiesTest {
    static final Vocabulary VOCABULARY = Vocabulary.load();

    /**
     * Every published figure is the count the documented rules give; nothing small is shown. (jqwik is
     * not a dependency of the node, so the random inputs come from seeds.)
     */
    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
    void publishedFiguresAreTheDocumentedCountsAndNoneIsSmall(long seed) {
        // given random records, from one to twenty-five
        Random random = new Random(seed);
        List<StatisticsRecord> records = Synthetic.records(random, 1 + random.nextInt(25), List.of("MX", "GT", "SV"));

        // when released
        ProtectedRelease release = new Catalogue(VOCABULARY).release(2026, records, Parameters.DEFAULT);

        // then each published cell is its recount, and has no private record or at least T people
        Recount recount = new Recount(VOCABULARY);
        for (Map.Entry<String, Figure> e : ReleaseFormTest.figures(release).entrySet()) {
            if (e.getValue() instanceof Figure.Published p) {
                assertThat(p.value()).as(e.getKey()).isEqualTo(recount.count(records, 2026, e.getKey()));
                assertThat(people(records, recount, e.getKey())).as(e.getKey()).matches(k -> k == 0 || k >= 5);
            }
        }
    }

    /** Distinct people behind the non-public records of a cell. */
    private static long people(List<StatisticsRecord> records, Recount recount, String cellId) {
        return records.stream()
                .filter(r -> !r.isPublic())
                .filter(r -> recount.count(List.of(r), 2026, cellId) == 1)
                .flatMap(r -> r.contributors().stream())
                .distinct()
                .count();
    }
}
