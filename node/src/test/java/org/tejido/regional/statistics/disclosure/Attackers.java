package org.tejido.regional.statistics.disclosure;

import java.util.List;
import java.util.Map;

/** {@link IntegerAttacker} for tests of other packages (the catalogue's), which build their own cells. */
public final class Attackers {
    private Attackers() {}

    /**
     * Each suppressed cell's smallest and largest value over every integer solution that agrees with
     * the published cells ({@code Integer.MAX_VALUE}: unbounded above).
     */
    public static Map<String, int[]> integerRanges(
            List<InnerCell> inner, List<CellSpec> cells, Map<String, Outcome> out) {
        return new IntegerAttacker(inner, cells, out).ranges();
    }
}
