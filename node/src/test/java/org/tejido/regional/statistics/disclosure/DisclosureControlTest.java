package org.tejido.regional.statistics.disclosure;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.tejido.regional.statistics.disclosure.Outcome.Published;
import org.tejido.regional.statistics.disclosure.Outcome.Reason;
import org.tejido.regional.statistics.disclosure.Outcome.Suppressed;

class DisclosureControlTest {
    static final Parameters T5 = Parameters.DEFAULT;

    @Test
    void sixAttacksOnOneDefenderAreSuppressedLikeOne() {
        // given six attacks on one defender in Mexico and many on others elsewhere
        Tables t = new Tables();
        for (int i = 0; i < 6; i++) {
            t.add("MX", "threat", "defender-a");
        }
        t.many("GT", "threat", 12, "gt-").many("HN", "threat", 9, "hn-");
        t.crossWithTotals(List.of("MX", "GT", "HN"), List.of("threat"));

        // when protected
        Map<String, Outcome> out = protect(t, T5);

        // then the six are suppressed as one contributor's, and a second cell with them, so that the
        // total less the others does not give them back
        assertThat(suppressed(out, "MX/threat", Reason.PRIMARY).value()).isEqualTo(6);
        assertThat(out.values())
                .filteredOn(o -> o instanceof Suppressed s && s.reason() == Reason.SECONDARY)
                .isNotEmpty();
        assertGuarantee(t, out, T5);
    }

    @Test
    void cellsMadeOnlyOfPublicRecordsArePublished() {
        Tables t = new Tables();
        t.addPublic("MX", "threat", "public-1").addPublic("MX", "threat", "public-2");
        t.many("GT", "threat", 7, "gt-");
        t.crossWithTotals(List.of("MX", "GT"), List.of("threat"));

        Map<String, Outcome> out = protect(t, T5);

        assertThat(out.get("MX/threat")).isEqualTo(new Published(2));
        assertThat(out.values()).allMatch(o -> o instanceof Published);
    }

    @Test
    void aSmallCellInATableWithMarginsTakesSecondarySuppressionsThatHoldAgainstAnAttacker() {
        Tables t = new Tables();
        t.many("MX", "threat", 2, "mx-t").many("MX", "raid", 14, "mx-r").many("MX", "smear", 11, "mx-s");
        t.many("GT", "threat", 9, "gt-t").many("GT", "raid", 8, "gt-r").many("GT", "smear", 13, "gt-s");
        t.many("HN", "threat", 10, "hn-t").many("HN", "raid", 12, "hn-r").many("HN", "smear", 7, "hn-s");
        t.crossWithTotals(List.of("MX", "GT", "HN"), List.of("threat", "raid", "smear"));

        Map<String, Outcome> out = protect(t, T5);

        assertThat(out.get("MX/threat")).isInstanceOf(Suppressed.class);
        long secondary = out.values().stream()
                .filter(o -> o instanceof Suppressed s && s.reason() == Reason.SECONDARY)
                .count();
        // a cell alone in its row and column would be its margin minus the rest: at least three more
        assertThat(secondary).isGreaterThanOrEqualTo(3);
        assertThat(out.get("*/*")).isEqualTo(new Published(86));
        assertGuarantee(t, out, T5);
    }

    @Test
    void randomTablesAlwaysMeetTheGuaranteeCheckedByEnumeration() {
        Random random = new Random(20261207);
        for (int round = 0; round < 25; round++) {
            Tables t = new Tables();
            List<String> rows = List.of("A", "B", "C");
            List<String> columns = List.of("x", "y", "z");
            for (String r : rows) {
                for (String c : columns) {
                    int n = random.nextInt(7);
                    t.many(r, c, n, r + c + "-");
                }
            }
            t.crossWithTotals(rows, columns);
            Map<String, Outcome> out = protect(t, new Parameters(3, 3));
            assertGuarantee(t, out, new Parameters(3, 3));
        }
    }

    @Test
    void twoCellsWhoseSumIsPublishedAreNotLeftNarrowerThanTheThreshold() {
        // given a row where two small cells would be suppressed together and their sum is the row's
        // total less the published rest: 2 + 2 = 4 < T is a group as telling as a cell (SDC: GaussSuppression
        // alone leaves such pairs in [0, 4])
        Tables t = new Tables();
        t.many("MX", "a", 20, "mx-a")
                .many("MX", "b", 2, "mx-b")
                .many("MX", "c", 2, "mx-c")
                .many("MX", "d", 16, "mx-d");
        t.many("GT", "a", 11, "gt-a")
                .many("GT", "b", 9, "gt-b")
                .many("GT", "c", 12, "gt-c")
                .many("GT", "d", 10, "gt-d");
        t.many("HN", "a", 13, "hn-a")
                .many("HN", "b", 14, "hn-b")
                .many("HN", "c", 8, "hn-c")
                .many("HN", "d", 15, "hn-d");
        t.crossWithTotals(List.of("MX", "GT", "HN"), List.of("a", "b", "c", "d"));

        Map<String, Outcome> out = protect(t, T5);

        assertThat(suppressed(out, "MX/b", Reason.PRIMARY).value()).isEqualTo(2);
        assertThat(suppressed(out, "MX/c", Reason.PRIMARY).value()).isEqualTo(2);
        Suppressed b = (Suppressed) out.get("MX/b");
        assertThat(b.upper().orElse(Integer.MAX_VALUE)).isGreaterThanOrEqualTo(5);
        assertThat(b.upper().orElse(Integer.MAX_VALUE) - b.lower()).isGreaterThanOrEqualTo(5);
        assertGuarantee(t, out, T5);
    }

    @Test
    void monthsUnderAQuarterAreProtectedWithTheQuarter() {
        // given months and their quarter, with types that several attacks share
        Tables t = new Tables();
        t.addMulti("2026-01", Set.of("threat", "smear"), "one");
        t.addMulti("2026-01", Set.of("threat"), "two");
        for (int i = 0; i < 7; i++) {
            t.addMulti("2026-02", Set.of("threat"), "feb-" + i);
            t.addMulti("2026-03", Set.of("threat", "smear"), "mar-" + i);
            t.addMulti("2026-02", Set.of("smear"), "feb-s" + i);
        }
        for (String type : List.of("threat", "smear")) {
            for (String month : List.of("2026-01", "2026-02", "2026-03")) {
                t.cell(
                        month + "/" + type,
                        r -> r.row().equals(month) && r.columns().contains(type));
            }
            t.cell("2026-Q1/" + type, r -> r.columns().contains(type));
        }
        for (String month : List.of("2026-01", "2026-02", "2026-03")) {
            t.cell(month + "/*", r -> r.row().equals(month));
        }
        t.cell("2026-Q1/*", r -> true);

        Map<String, Outcome> out = protect(t, T5);

        // January has two defenders: suppressed in every type and in its total, and the quarter less
        // February and March does not give any of them back
        assertThat(out.get("2026-01/threat")).isInstanceOf(Suppressed.class);
        assertThat(out.get("2026-01/smear")).isInstanceOf(Suppressed.class);
        assertThat(out.get("2026-01/*")).isInstanceOf(Suppressed.class);
        assertGuarantee(t, out, T5);
    }

    @Test
    void aGroupTotalThatIsNotTheSumOfItsTypesStillProtects() {
        // given attacks carrying one or two types of the same group
        Tables t = new Tables();
        t.addMulti("MX", Set.of("threat", "smear"), "defender-a");
        t.addMulti("MX", Set.of("threat", "smear"), "defender-b");
        for (int i = 0; i < 8; i++) {
            t.addMulti("MX", Set.of("threat"), "mx-t" + i);
            t.addMulti("MX", Set.of("smear"), "mx-s" + i);
            t.addMulti("GT", Set.of("threat"), "gt-t" + i);
            t.addMulti("GT", Set.of("smear", "threat"), "gt-b" + i);
        }
        for (String country : List.of("MX", "GT")) {
            for (String type : List.of("threat", "smear")) {
                t.cell(
                        country + "/" + type,
                        r -> r.row().equals(country) && r.columns().contains(type));
            }
            // both types together: the records that carry both
            t.cell(
                    country + "/threat&smear",
                    r -> r.row().equals(country) && r.columns().size() == 2);
            t.cell(country + "/group", r -> r.row().equals(country));
        }
        t.cell("*/group", r -> true);

        Map<String, Outcome> out = protect(t, T5);

        // the group counts each attack once, the types once per type: 18 + 10 != 18 for Mexico
        assertThat(valueOf(out.get("MX/group"))).isEqualTo(18);
        assertThat(valueOf(out.get("MX/threat")) + valueOf(out.get("MX/smear"))).isEqualTo(20);
        assertThat(out.get("MX/threat&smear")).isInstanceOf(Suppressed.class);
        assertGuarantee(t, out, T5);
    }

    @Test
    void theSameInputInAnyOrderGivesTheSameRelease() {
        Tables t = new Tables();
        t.many("MX", "threat", 1, "a").many("MX", "raid", 9, "b").many("GT", "threat", 6, "c");
        t.many("GT", "raid", 2, "d").many("HN", "threat", 8, "e").many("HN", "raid", 7, "f");
        t.crossWithTotals(List.of("MX", "GT", "HN"), List.of("threat", "raid"));
        List<ProtectedCell> first = DisclosureControl.protect(t.inner(), t.cells(), T5);
        Random random = new Random(7);
        for (int i = 0; i < 5; i++) {
            List<InnerCell> inner = new ArrayList<>(t.inner());
            List<CellSpec> cells = new ArrayList<>(t.cells());
            Collections.shuffle(inner, random);
            Collections.shuffle(cells, random);
            assertThat(DisclosureControl.protect(inner, cells, T5)).isEqualTo(first);
        }
    }

    // ---------------------------------------------------------------------------------------------

    private static Map<String, Outcome> protect(Tables t, Parameters parameters) {
        Map<String, Outcome> out = new HashMap<>();
        for (ProtectedCell cell : DisclosureControl.protect(t.inner(), t.cells(), parameters)) {
            out.put(cell.id(), cell.outcome());
        }
        return out;
    }

    private static Suppressed suppressed(Map<String, Outcome> out, String id, Reason reason) {
        Suppressed s = (Suppressed) out.get(id);
        assertThat(s.reason()).as(id).isEqualTo(reason);
        return s;
    }

    private static int valueOf(Outcome o) {
        return o instanceof Published p ? p.value() : ((Suppressed) o).value();
    }

    /**
     * An independent check of the guarantee ({@link IntegerAttacker}): each suppressed cell's smallest
     * and largest value over every integer solution must not be one value, reach T, be W wide when it
     * starts below T. (What the release says the attacker cannot narrow a cell below is checked against
     * an attacker by linear programming, whose intervals it is defined by: DisclosureGuaranteePropertiesTest.)
     */
    private static void assertGuarantee(Tables t, Map<String, Outcome> out, Parameters parameters) {
        Map<String, int[]> range = new IntegerAttacker(t.inner(), t.cells(), out).ranges();
        for (CellSpec c : t.cells()) {
            if (out.get(c.id()) instanceof Suppressed s) {
                int[] r = range.get(c.id());
                assertThat(r).as("the true counts are a solution: " + c.id()).isNotNull();
                int lo = r[0];
                int hi = r[1];
                assertThat(hi).as(c.id() + " not one value").isGreaterThan(lo);
                assertThat(hi).as(c.id() + " reaches T").isGreaterThanOrEqualTo(parameters.threshold());
                if (lo < parameters.threshold()) {
                    assertThat(hi - lo).as(c.id() + " at least W wide").isGreaterThanOrEqualTo(parameters.minWidth());
                }
            }
        }
    }
}
