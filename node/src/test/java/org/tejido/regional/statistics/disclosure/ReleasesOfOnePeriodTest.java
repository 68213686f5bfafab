package org.tejido.regional.statistics.disclosure;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.tejido.regional.statistics.disclosure.Outcome.Published;

/**
 * A second release of a period, after records arrived late, must be protected against an attacker who
 * holds the first release too: differencing the two must not pin a cell the second suppresses.
 */
class ReleasesOfOnePeriodTest {
    static final Parameters T5 = Parameters.DEFAULT;

    /** The first release's records, then those that arrived for the second. */
    static Tables period() {
        Tables t = new Tables();
        t.many("MX", "a", 4, "mx-a").many("MX", "b", 6, "mx-b").many("MX", "c", 2, "mx-c");
        t.many("GT", "a", 1, "gt-a").many("GT", "b", 6, "gt-b").many("GT", "c", 6, "gt-c");
        t.arrivingFor(2);
        t.many("MX", "a", 1, "mx-a-late").many("MX", "c", 3, "mx-c-late").many("GT", "c", 3, "gt-c-late");
        return t.crossWithTotals(List.of("MX", "GT"), List.of("a", "b", "c"));
    }

    @Test
    void aSecondReleaseProtectedAloneLeaksByDifferenceWithTheFirst() {
        // given the first release, protected on its own records
        Tables t = period();
        Map<String, Outcome> first = protect(t.asOf(1), List.of());

        // when the second is protected without knowing what the first published
        Map<String, Outcome> second = protect(t, List.of());

        // then an attacker holding both narrows GT/a, one defender's single attack, below the width W
        LpAttacker attacker = attackerOfBoth(t, first, second);
        int[] range = attacker.range(t.records(), t.definition("GT/a"));
        assertThat(second.get("GT/a")).isInstanceOf(Outcome.Suppressed.class);
        assertThat(range[1] - range[0]).isLessThan(T5.minWidth());
    }

    @Test
    void aSecondReleaseKnowingTheFirstKeepsEveryGuaranteeAgainstAnAttackerHoldingBoth() {
        // given the first release
        Tables t = period();
        Map<String, Outcome> first = protect(t.asOf(1), List.of());
        Set<String> publishedFirst = new TreeSet<>();
        first.forEach((id, o) -> {
            if (o instanceof Published) {
                publishedFirst.add(id);
            }
        });

        // when the second is protected with the first's published cells as known
        Map<String, Outcome> second = protect(t, t.asOfRelease(1, publishedFirst));

        // then every cell the second suppresses holds against an attacker holding both releases
        LpAttacker attacker = attackerOfBoth(t, first, second);
        for (CellSpec c : t.cells()) {
            if (!(second.get(c.id()) instanceof Published)) {
                DisclosureGuaranteePropertiesTest.assertGuarantee(
                        attacker.range(t.records(), t.definition(c.id())), T5, "second release " + c.id());
            }
        }
        // and the late records still show where they are safe to show
        assertThat(second.get("*/*")).isEqualTo(new Published(32));
    }

    private static Map<String, Outcome> protect(Tables t, List<CellSpec> earlier) {
        Map<String, Outcome> out = new HashMap<>();
        DisclosureControl.protect(t.inner(), t.cells(), earlier, T5).forEach(c -> out.put(c.id(), c.outcome()));
        return out;
    }

    private static LpAttacker attackerOfBoth(Tables t, Map<String, Outcome> first, Map<String, Outcome> second) {
        List<Tables.Rec> records = t.records();
        LpAttacker attacker = new LpAttacker(records);
        first.forEach((id, o) -> {
            if (o instanceof Published p) {
                attacker.published(records, t.definition(id).and(r -> r.since() <= 1), p.value());
            }
        });
        second.forEach((id, o) -> {
            if (o instanceof Published p) {
                attacker.published(records, t.definition(id), p.value());
            } else {
                attacker.suppressed(records, t.definition(id));
            }
        });
        return attacker;
    }
}
