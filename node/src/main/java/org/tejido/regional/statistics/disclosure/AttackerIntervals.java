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

    /**
     * For each suppressed cell, an interval of its non-public part that lies inside the attacker's.
     *
     * <p>Two linear programs per connected part of the model give two points every published cell
     * agrees with: one with the suppressed cells as small as they can be together, one with them as
     * large (variables capped, which only shrinks what is feasible). A cell's values at those points
     * bound the attacker's interval from inside: the smallest value the attacker can prove is at most
     * the first, the largest at least the second. Where that inner interval already passes ({@code
     * passes}), it is kept; otherwise the cell's exact interval is solved for, two programs of its own.
     * Most cells pass at the shared points, so most of the work is a few programs, not two per cell.
     */
    Interval[] of(BitSet suppressed, BiPredicate<Integer, Interval> passes) {
        int[] component = components();
        Interval[] intervals = new Interval[rows.size()];
        Map<Integer, double[][]> points = new HashMap<>();
        suppressed.stream().forEach(cell -> {
            SparseRow target = rows.get(cell);
            if (!target.isZero()) {
                double[][] p = points.computeIfAbsent(
                        component[target.firstColumn()], home -> sharedPoints(home, suppressed, component));
                Interval inner = new Interval((int) Math.ceil(sum(p[0], target) - TOLERANCE), OptionalInt.of((int)
                        Math.floor(sum(p[1], target) + TOLERANCE)));
                if (inner.upper().getAsInt() > inner.lower() && passes.test(cell, inner)) {
                    intervals[cell] = inner;
                    return;
                }
            }
            intervals[cell] = interval(cell, suppressed, component);
        });
        return intervals;
    }

    private static double sum(double[] point, SparseRow row) {
        double s = 0;
        for (int column : row.columns) {
            s += point[column];
        }
        return s;
    }

    /** The points with every suppressed cell of one component together smallest, then largest. */
    private double[][] sharedPoints(int home, BitSet suppressed, int[] component) {
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
        suppressed.stream().forEach(c -> {
            SparseRow row = rows.get(c);
            if (!row.isZero() && component[row.firstColumn()] == home) {
                for (int column : row.columns) {
                    weight[column] += 1;
                }
            }
        });
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
