package org.tejido.regional.statistics.disclosure;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.tejido.regional.statistics.disclosure.Outcome.Published;

/**
 * An attacker written apart from the engine, for tests: every integer assignment of the inner cells'
 * private counts that agrees with the published cells (no suppressed cell empty) is searched, depth
 * first with pruning on partial sums; each suppressed cell's smallest and largest total is kept.
 *
 * <p>A count in some published cell is at most the smallest such cell's value. A count in none is
 * bounded by nothing: it is tried at 0, 1 and 2, and a suppressed cell holding it at 2 is taken as
 * unbounded above (raising it only helps every "not empty" condition, so nothing else changes).
 */
final class IntegerAttacker {
    private static final int FREE_CAP = 2;

    private final List<CellSpec> cells;
    private final int[][] cellVars;
    private final int[] target;
    private final boolean[] published;
    private final int[] known;
    private final int[] order;
    private final int[] cap;
    private final boolean[] free;
    private final int[] lastPosition;
    private final List<List<Integer>> cellsOf;
    private final int[] value;
    private final Map<String, int[]> range = new HashMap<>();
    private long visited;

    IntegerAttacker(List<InnerCell> inner, List<CellSpec> cells, Map<String, Outcome> out) {
        this.cells = cells;
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < inner.size(); i++) {
            index.put(inner.get(i).key(), i);
        }
        List<Integer> vars = new ArrayList<>();
        int[] position = new int[inner.size()];
        for (int i = 0; i < inner.size(); i++) {
            position[i] = -1;
            if (inner.get(i).privateRecords() > 0) {
                position[i] = vars.size();
                vars.add(i);
            }
        }
        order = vars.stream().mapToInt(Integer::intValue).toArray();
        cap = new int[order.length];
        java.util.Arrays.fill(cap, Integer.MAX_VALUE);
        free = new boolean[order.length];
        cellsOf = new ArrayList<>();
        for (int k = 0; k < order.length; k++) {
            cellsOf.add(new ArrayList<>());
        }
        cellVars = new int[cells.size()][];
        target = new int[cells.size()];
        published = new boolean[cells.size()];
        known = new int[cells.size()];
        lastPosition = new int[cells.size()];
        for (int c = 0; c < cells.size(); c++) {
            List<Integer> positions = new ArrayList<>();
            for (String key : cells.get(c).innerKeys()) {
                int i = index.get(key);
                known[c] += inner.get(i).publicRecords();
                if (position[i] >= 0) {
                    positions.add(position[i]);
                }
            }
            cellVars[c] =
                    positions.stream().mapToInt(Integer::intValue).sorted().toArray();
            lastPosition[c] = cellVars[c].length == 0 ? -1 : cellVars[c][cellVars[c].length - 1];
            Outcome o = out.get(cells.get(c).id());
            published[c] = o instanceof Published;
            target[c] = o instanceof Published p ? p.value() - known[c] : 0;
            for (int k : cellVars[c]) {
                cellsOf.get(k).add(c);
                if (published[c]) {
                    cap[k] = Math.min(cap[k], target[c]);
                }
            }
        }
        for (int k = 0; k < order.length; k++) {
            if (cap[k] == Integer.MAX_VALUE) {
                free[k] = true;
                cap[k] = FREE_CAP;
            }
        }
        value = new int[order.length];
    }

    /** Each suppressed cell's [smallest, largest] total over every solution (largest MAX_VALUE: unbounded). */
    Map<String, int[]> ranges() {
        search(0);
        return range;
    }

    private void search(int k) {
        if (++visited > 20_000_000L) {
            throw new IllegalStateException("search too large for a test");
        }
        if (k == order.length) {
            for (int c = 0; c < cells.size(); c++) {
                if (!published[c]) {
                    int total = unbounded(c) ? Integer.MAX_VALUE : known[c] + sum(c);
                    range.merge(cells.get(c).id(), new int[] {total, total}, (a, b) ->
                            new int[] {Math.min(a[0], b[0]), Math.max(a[1], b[1])});
                }
            }
            return;
        }
        for (int x = 0; x <= cap[k]; x++) {
            value[k] = x;
            if (consistentAfter(k)) {
                search(k + 1);
            }
        }
        value[k] = 0;
    }

    /** The cells of variable k, with variables 0..k set: none exceeded, the complete ones exact. */
    private boolean consistentAfter(int k) {
        for (int c : cellsOf.get(k)) {
            int s = sum(c);
            boolean complete = lastPosition[c] == k;
            if (published[c]) {
                if (s > target[c] || (complete && s != target[c])) {
                    return false;
                }
            } else if (complete && known[c] + s < 1) {
                return false;
            }
        }
        return true;
    }

    private boolean unbounded(int c) {
        for (int k : cellVars[c]) {
            if (free[k] && value[k] == FREE_CAP) {
                return true;
            }
        }
        return false;
    }

    private int sum(int c) {
        int s = 0;
        for (int k : cellVars[c]) {
            s += value[k];
        }
        return s;
    }
}
