package org.tejido.regional.statistics.disclosure;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.function.BiPredicate;
import org.ojalgo.optimisation.Expression;
import org.ojalgo.optimisation.ExpressionsBasedModel;
import org.ojalgo.optimisation.Optimisation;
import org.ojalgo.optimisation.Variable;

/**
 * What an attacker can prove about each suppressed cell by linear programming from everything
 * published: the smallest and largest value of its non-public part over all non-negative counts that
 * agree with every published cell, knowing also that no suppressed cell is zero (zeros are always
 * published, and that rule is public). The public part is known to all and added back.
 *
 * <p>The variables are the inner cells (combinations with records), not every combination of codes:
 * an attacker does not know which combinations are empty, so the intervals found here lie inside the
 * attacker's, and a cell protected here is protected against the attacker too.
 */
final class AttackerIntervals {
    private static final double TOLERANCE = 1e-6;

    static {
        // ojAlgo prints a note about unknown hardware to standard output on first use unless told not to.
        if (System.getProperty("shut.up.ojAlgo") == null) {
            System.setProperty("shut.up.ojAlgo", "true");
        }
    }

    /** One suppressed cell's interval; an empty upper bound when nothing published bounds it. */
    record Interval(int lower, OptionalInt upper) {}

    private final List<SparseRow> rows;
    private final int[] privateValues;
    private final int variables;

    AttackerIntervals(List<SparseRow> rows, int[] privateValues, int variables) {
        this.rows = rows;
        this.privateValues = privateValues;
        this.variables = variables;
    }

    /** Rounds of shared points per component before the cells left solve their own intervals. */
    static final int SHARED_ROUNDS = 4;

    /**
     * For each suppressed cell, an interval of its non-public part that lies inside the attacker's.
     *
     * <p>Two linear programs per connected part of the model give two points every published cell
     * agrees with: one with the open suppressed cells as small as they can be together, one with them
     * as large (variables capped, which only shrinks what is feasible). A cell's values at those points
     * bound the attacker's interval from inside: the smallest value the attacker can prove is at most
     * the smallest seen, the largest at least the largest seen. A cell whose inner interval passes
     * ({@code passes}) is done; the next round aims at the cells still open only, up to {@link
     * #SHARED_ROUNDS} rounds or until a round settles none. The cells left solve their exact interval,
     * two programs each.
     */
    Interval[] of(BitSet suppressed, BiPredicate<Integer, Interval> passes) {
        int[] component = components();
        Interval[] intervals = new Interval[rows.size()];
        Map<Integer, List<Integer>> byComponent = new java.util.TreeMap<>();
        suppressed.stream().forEach(cell -> {
            SparseRow target = rows.get(cell);
            if (!target.isZero()) {
                byComponent
                        .computeIfAbsent(component[target.firstColumn()], k -> new ArrayList<>())
                        .add(cell);
            }
        });
        for (Map.Entry<Integer, List<Integer>> part : byComponent.entrySet()) {
            Map<Integer, double[]> seen = new HashMap<>();
            List<Integer> open = part.getValue();
            for (int round = 0; round < SHARED_ROUNDS && !open.isEmpty(); round++) {
                double[][] p = sharedPoints(part.getKey(), suppressed, open, component);
                List<Integer> still = new ArrayList<>();
                for (int cell : open) {
                    SparseRow target = rows.get(cell);
                    double low = sum(p[0], target);
                    double high = sum(p[1], target);
                    double[] range = seen.merge(cell, new double[] {low, high}, (a, b) ->
                            new double[] {Math.min(a[0], b[0]), Math.max(a[1], b[1])});
                    Interval inner = new Interval((int) Math.ceil(range[0] - TOLERANCE), OptionalInt.of((int)
                            Math.floor(range[1] + TOLERANCE)));
                    if (inner.upper().getAsInt() > inner.lower() && passes.test(cell, inner)) {
                        intervals[cell] = inner;
                    } else {
                        still.add(cell);
                    }
                }
                if (still.size() == open.size()) {
                    break;
                }
                open = still;
            }
            for (int cell : open) {
                intervals[cell] = interval(cell, suppressed, component);
            }
        }
        return intervals;
    }

    private static double sum(double[] point, SparseRow row) {
        double s = 0;
        for (int column : row.columns) {
            s += point[column];
        }
        return s;
    }

    /** The points with the open suppressed cells of one component together smallest, then largest. */
    private double[][] sharedPoints(int home, BitSet suppressed, List<Integer> open, int[] component) {
        long cap = 1;
        for (int value : privateValues) {
            cap = Math.max(cap, value);
        }
        ExpressionsBasedModel model = new ExpressionsBasedModel();
        Variable[] x = constrained(model, home, suppressed, component, cap);
        List<Integer> order = new ArrayList<>();
        double[] weight = new double[variables];
        for (int v = 0; v < variables; v++) {
            if (x[v] != null) {
                order.add(v);
            }
        }
        for (int c : open) {
            for (int column : rows.get(c).columns) {
                weight[column] += 1;
            }
        }
        Expression objective = model.addExpression("objective").weight(1);
        for (int v : order) {
            if (weight[v] != 0) {
                objective.set(x[v], weight[v]);
            }
        }
        double[][] points = new double[2][variables];
        Optimisation.Result low = model.minimise();
        Optimisation.Result high = model.maximise();
        if (!low.getState().isFeasible() || !high.getState().isFeasible()) {
            throw new IllegalStateException("the published cells admit no counts (a defect)");
        }
        for (int i = 0; i < order.size(); i++) {
            points[0][order.get(i)] = low.doubleValue(i);
            points[1][order.get(i)] = high.doubleValue(i);
        }
        return points;
    }

    /**
     * The variables of one component, non-negative and at most {@code cap} (no cap: {@code
     * Long.MAX_VALUE}), and the attacker's constraints: each published cell at its private value, each
     * suppressed cell at least 1. Variables of other components are null.
     */
    private Variable[] constrained(
            ExpressionsBasedModel model, int home, BitSet suppressed, int[] component, long cap) {
        Variable[] x = new Variable[variables];
        for (int v = 0; v < variables; v++) {
            if (component[v] == home) {
                x[v] = model.addVariable("x" + v).lower(0);
                if (cap != Long.MAX_VALUE) {
                    x[v].upper(cap);
                }
            }
        }
        for (int c = 0; c < rows.size(); c++) {
            SparseRow row = rows.get(c);
            if (row.isZero() || component[row.firstColumn()] != home) {
                continue;
            }
            Expression e = model.addExpression("c" + c);
            if (suppressed.get(c)) {
                e.lower(1);
            } else {
                e.level(privateValues[c]);
            }
            for (int column : row.columns) {
                e.set(x[column], 1);
            }
        }
        return x;
    }

    private Interval interval(int cell, BitSet suppressed, int[] component) {
        SparseRow target = rows.get(cell);
        int home = component[target.firstColumn()];
        ExpressionsBasedModel model = new ExpressionsBasedModel();
        Variable[] x = constrained(model, home, suppressed, component, Long.MAX_VALUE);
        Expression objective = model.addExpression("objective").weight(1);
        for (int column : target.columns) {
            objective.set(x[column], 1);
        }
        Optimisation.Result low = model.minimise();
        Optimisation.Result high = model.maximise();
        if (!low.getState().isFeasible()) {
            throw new IllegalStateException("the published cells admit no counts (a defect): cell " + cell);
        }
        int lower = (int) Math.ceil(low.getValue() - TOLERANCE);
        OptionalInt upper;
        if (high.getState() == Optimisation.State.UNBOUNDED) {
            upper = OptionalInt.empty();
        } else if (high.getState().isFeasible()) {
            upper = OptionalInt.of((int) Math.floor(high.getValue() + TOLERANCE));
        } else {
            throw new IllegalStateException("the attacker's largest value was not found: cell " + cell);
        }
        return new Interval(lower, upper);
    }

    /** Variables joined by any cell's row fall in one component; the others cannot move a cell's value. */
    private int[] components() {
        int[] parent = new int[variables];
        for (int v = 0; v < variables; v++) {
            parent[v] = v;
        }
        List<SparseRow> relevant = new ArrayList<>();
        for (SparseRow row : rows) {
            if (!row.isZero()) {
                relevant.add(row);
            }
        }
        for (SparseRow row : relevant) {
            int first = find(parent, row.columns[0]);
            for (int column : row.columns) {
                int root = find(parent, column);
                if (root != first) {
                    parent[root] = first;
                }
            }
        }
        int[] component = new int[variables];
        for (int v = 0; v < variables; v++) {
            component[v] = find(parent, v);
        }
        return component;
    }

    private static int find(int[] parent, int v) {
        while (parent[v] != v) {
            parent[v] = parent[parent[v]];
            v = parent[v];
        }
        return v;
    }
}
