package org.tejido.regional.statistics.disclosure;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;
import org.apache.commons.math3.optim.MaxIter;
import org.apache.commons.math3.optim.PointValuePair;
import org.apache.commons.math3.optim.linear.LinearConstraint;
import org.apache.commons.math3.optim.linear.LinearConstraintSet;
import org.apache.commons.math3.optim.linear.LinearObjectiveFunction;
import org.apache.commons.math3.optim.linear.NonNegativeConstraint;
import org.apache.commons.math3.optim.linear.Relationship;
import org.apache.commons.math3.optim.linear.SimplexSolver;
import org.apache.commons.math3.optim.linear.UnboundedSolutionException;
import org.apache.commons.math3.optim.nonlinear.scalar.GoalType;

/**
 * The attacker of the guarantee tests, written apart from the engine: its own LP solver (Commons Math's
 * simplex, not ojAlgo), its own variables (built from the test's records, not from the engine's inner
 * cells or rows) and its own reading of what was published. It knows more than a real attacker, which
 * makes the test stricter: which combinations of codes exist (and in which release each record arrived),
 * every public record, and that a suppressed cell is never zero.
 *
 * <p>Variables: the private records of each combination of codes and arrival, non-negative. Each
 * published cell, of any release, fixes the sum of its variables to its published value less its public
 * records; each suppressed cell of the last release holds at least one record.
 */
final class LpAttacker {
    private static final double TOLERANCE = 1e-6;

    private final Map<String, Integer> variableOf = new TreeMap<>();
    private final List<LinearConstraint> constraints = new ArrayList<>();

    LpAttacker(Collection<Tables.Rec> records) {
        for (Tables.Rec r : records) {
            if (!r.isPublic()) {
                variableOf.putIfAbsent(combination(r), variableOf.size());
            }
        }
    }

    private static String combination(Tables.Rec r) {
        return r.row() + "/" + String.join("+", new java.util.TreeSet<>(r.columns())) + "@" + r.since();
    }

    /** A cell the attacker read: it counted the records {@code counted} keeps, and showed {@code value}. */
    void published(Collection<Tables.Rec> records, Predicate<Tables.Rec> counted, int value) {
        int known = (int)
                records.stream().filter(counted).filter(Tables.Rec::isPublic).count();
        constraints.add(new LinearConstraint(row(records, counted), Relationship.EQ, value - known));
    }

    /** A cell the attacker saw suppressed: not zero, since zeros are always published. */
    void suppressed(Collection<Tables.Rec> records, Predicate<Tables.Rec> counted) {
        int known = (int)
                records.stream().filter(counted).filter(Tables.Rec::isPublic).count();
        constraints.add(new LinearConstraint(row(records, counted), Relationship.GEQ, 1 - known));
    }

    /**
     * The smallest and largest value the cell can take over every non-negative solution, public records
     * added back; {@code Integer.MAX_VALUE} as the largest when nothing bounds it.
     */
    int[] range(Collection<Tables.Rec> records, Predicate<Tables.Rec> counted) {
        int known = (int)
                records.stream().filter(counted).filter(Tables.Rec::isPublic).count();
        double[] objective = row(records, counted);
        if (variableOf.isEmpty() || java.util.Arrays.stream(objective).allMatch(c -> c == 0)) {
            return new int[] {known, known};
        }
        int lower = (int) Math.ceil(solve(objective, GoalType.MINIMIZE) - TOLERANCE);
        int upper;
        try {
            upper = (int) Math.floor(solve(objective, GoalType.MAXIMIZE) + TOLERANCE);
        } catch (UnboundedSolutionException e) {
            return new int[] {lower + known, Integer.MAX_VALUE};
        }
        return new int[] {lower + known, upper + known};
    }

    private double solve(double[] objective, GoalType goal) {
        PointValuePair p = new SimplexSolver()
                .optimize(
                        new MaxIter(1_000_000),
                        new LinearObjectiveFunction(objective, 0),
                        new LinearConstraintSet(constraints),
                        goal,
                        new NonNegativeConstraint(true));
        return p.getValue();
    }

    private double[] row(Collection<Tables.Rec> records, Predicate<Tables.Rec> counted) {
        double[] coefficients = new double[Math.max(1, variableOf.size())];
        for (Tables.Rec r : records) {
            if (!r.isPublic() && counted.test(r)) {
                coefficients[variableOf.get(combination(r))] = 1;
            }
        }
        return coefficients;
    }
}
