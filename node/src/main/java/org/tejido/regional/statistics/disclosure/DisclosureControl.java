package org.tejido.regional.statistics.disclosure;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.TreeSet;
import java.util.stream.IntStream;

/**
 * The one code path every published figure goes through (docs/disclosure-control.md): primary
 * suppression of cells with too few distinct non-public contributors, secondary suppression over all
 * the release's cells together by Gaussian elimination, then an attacker's intervals by linear
 * programming, checked against the parameters; a cell whose interval is too narrow makes a neighbour
 * protected too (every failing cell at once), and the whole runs again, until every suppressed cell
 * passes or none is left to add
 * ({@link UnprotectableRelease}: nothing is published).
 *
 * <p>Deterministic: inner cells and cells are taken in the order of their keys and identifiers, never
 * of the input, so the same input in any order gives the same output.
 *
 * <p>Zeros are always published: a cell with no records says nothing about anyone, and suppressing it
 * would only make its neighbours' suppressions guessable. The attacker is therefore taken to know
 * that every suppressed cell holds at least one record, which also covers an insider who knows that
 * one co-suppressed cell holds her own case.
 */
public final class DisclosureControl {
    /** Named in every release, so that an auditor recomputes it with the same method. */
    public static final String ALGORITHM = "tejido-disclosure/v1";

    private DisclosureControl() {}

    public static List<ProtectedCell> protect(List<InnerCell> innerCells, List<CellSpec> cells, Parameters parameters) {
        return protect(innerCells, cells, List.of(), parameters);
    }

    /**
     * As {@link #protect(List, List, Parameters)}, knowing what earlier releases of the same period
     * published: those cells are public for good, so the attacker has them and they are never offered
     * for suppression. Each names the inner cells of this input that it counted; the records it counted
     * that have since gone (retracted, erased) are assumed known to the attacker, so only what is still
     * here is constrained, and the guarantee holds whatever an attacker knows about what left.
     *
     * @param publishedEarlier the cells earlier releases of the period published (not those they
     *     suppressed), identified in their own namespace
     */
    public static List<ProtectedCell> protect(
            List<InnerCell> innerCells, List<CellSpec> cells, List<CellSpec> publishedEarlier, Parameters parameters) {
        List<InnerCell> inner = new ArrayList<>(innerCells);
        inner.sort(Comparator.comparing(InnerCell::key));
        Map<String, Integer> innerIndex = new HashMap<>();
        for (int i = 0; i < inner.size(); i++) {
            if (innerIndex.put(inner.get(i).key(), i) != null) {
                throw new IllegalArgumentException(
                        "inner cell given twice: " + inner.get(i).key());
            }
        }
        List<CellSpec> specs = sortedById(cells);
        int n = specs.size();
        // The earlier releases' cells follow this release's, as rows the attacker knows.
        specs.addAll(sortedById(publishedEarlier));
        // Variables: the inner cells with private records, in key order.
        int[] variableOf = new int[inner.size()];
        int variables = 0;
        for (int i = 0; i < inner.size(); i++) {
            variableOf[i] = inner.get(i).privateRecords() > 0 ? variables++ : -1;
        }
        int all = specs.size();
        List<SparseRow> rows = new ArrayList<>(all);
        int[] values = new int[all];
        int[] privateValues = new int[all];
        int[] innerCounts = new int[all];
        BitSet primary = new BitSet();
        for (int c = 0; c < all; c++) {
            CellSpec spec = specs.get(c);
            TreeSet<String> contributors = new TreeSet<>();
            List<Integer> columns = new ArrayList<>();
            for (String key : spec.innerKeys()) {
                Integer i = innerIndex.get(key);
                if (i == null) {
                    throw new IllegalArgumentException("cell " + spec.id() + " names an unknown inner cell");
                }
                InnerCell cell = inner.get(i);
                values[c] = Math.addExact(values[c], cell.records());
                privateValues[c] = Math.addExact(privateValues[c], cell.privateRecords());
                contributors.addAll(cell.privateContributors());
                if (variableOf[i] >= 0) {
                    columns.add(variableOf[i]);
                }
            }
            innerCounts[c] = spec.innerKeys().size();
            rows.add(SparseRow.ones(
                    columns.stream().mapToInt(Integer::intValue).sorted().toArray()));
            if (c < n && !contributors.isEmpty() && contributors.size() < parameters.threshold()) {
                primary.set(c);
            }
        }
        // Offered for publication largest first (the figures people read most), then those summing
        // more inner cells (higher levels), then by identifier; the smallest are suppressed first.
        List<Integer> offerOrder = IntStream.range(0, n)
                .boxed()
                .sorted(Comparator.<Integer>comparingInt(c -> -values[c])
                        .thenComparingInt(c -> -innerCounts[c])
                        .thenComparing(c -> specs.get(c).id()))
                .toList();
        List<Integer> earlier = IntStream.range(n, all).boxed().toList();
        AttackerIntervals attacker = new AttackerIntervals(rows, privateValues, variables);
        BitSet protectedCells = (BitSet) primary.clone();
        while (true) {
            List<Integer> order =
                    offerOrder.stream().filter(c -> !protectedCells.get(c)).toList();
            BitSet suppressed = GaussSuppression.secondary(rows, protectedCells, earlier, order);
            suppressed.or(protectedCells);
            AttackerIntervals.Interval[] intervals = attacker.of(
                    suppressed, (c, witnessed) -> passesInside(witnessed, values[c] - privateValues[c], parameters));
            List<Integer> failing = failing(suppressed, intervals, values, privateValues, parameters);
            if (failing.isEmpty()) {
                return result(specs.subList(0, n), values, privateValues, primary, suppressed, intervals);
            }
            // Every failing cell gets a neighbour at once: one more round of elimination and intervals
            // per batch, not per cell.
            BitSet chosen = (BitSet) suppressed.clone();
            for (int cell : failing) {
                int neighbour = cheapestNeighbour(cell, rows, chosen, offerOrder);
                if (neighbour < 0) {
                    continue;
                }
                chosen.set(neighbour);
                protectedCells.set(cell);
                protectedCells.set(neighbour);
            }
            if (chosen.equals(suppressed)) {
                throw new UnprotectableRelease(
                        specs.get(failing.get(0)).id(),
                        "its interval stays too narrow and no other cell can be suppressed");
            }
        }
    }

    private static List<CellSpec> sortedById(List<CellSpec> cells) {
        List<CellSpec> sorted = new ArrayList<>(cells);
        sorted.sort(Comparator.comparing(CellSpec::id));
        for (int c = 1; c < sorted.size(); c++) {
            if (sorted.get(c).id().equals(sorted.get(c - 1).id())) {
                throw new IllegalArgumentException(
                        "cell given twice: " + sorted.get(c).id());
            }
        }
        return sorted;
    }

    /** The suppressed cells, in identifier order, whose interval breaks a rule. */
    private static List<Integer> failing(
            BitSet suppressed,
            AttackerIntervals.Interval[] intervals,
            int[] values,
            int[] privateValues,
            Parameters parameters) {
        List<Integer> failing = new ArrayList<>();
        for (int c = suppressed.nextSetBit(0); c >= 0; c = suppressed.nextSetBit(c + 1)) {
            if (!passes(intervals[c], values[c] - privateValues[c], parameters)) {
                failing.add(c);
            }
        }
        return failing;
    }

    /**
     * Whether a suppressed cell whose non-public part the attacker can narrow to exactly {@code interval},
     * with {@code known} public records, is protected: not one value, reaching T, and W wide when it
     * starts below T.
     */
    /**
     * As {@link #passes}, for an interval known only to lie inside the attacker's: the attacker's lower
     * end may be below T even when this one's is not, so it must be W wide in any case.
     */
    private static boolean passesInside(AttackerIntervals.Interval inner, int known, Parameters parameters) {
        int hi = inner.upper().orElseThrow() + known;
        int lower = inner.lower() + known;
        return hi > lower && hi >= parameters.threshold() && hi - lower >= parameters.minWidth();
    }

    private static boolean passes(AttackerIntervals.Interval interval, int known, Parameters parameters) {
        if (interval.upper().isEmpty()) {
            return true;
        }
        int lower = interval.lower() + known;
        int hi = interval.upper().getAsInt() + known;
        boolean exact = hi <= lower;
        boolean small = hi < parameters.threshold();
        boolean narrow = lower < parameters.threshold() && hi - lower < parameters.minWidth();
        return !(exact || small || narrow);
    }

    /**
     * The published cell sharing a variable with the failing one that costs least to suppress: the
     * smallest, then the one summing fewer inner cells, then by identifier (the reverse of the offer
     * order).
     */
    private static int cheapestNeighbour(int failing, List<SparseRow> rows, BitSet taken, List<Integer> offerOrder) {
        SparseRow target = rows.get(failing);
        for (int k = offerOrder.size() - 1; k >= 0; k--) {
            int c = offerOrder.get(k);
            if (!taken.get(c) && shares(rows.get(c), target)) {
                return c;
            }
        }
        return -1;
    }

    private static boolean shares(SparseRow a, SparseRow b) {
        int i = 0;
        int j = 0;
        while (i < a.columns.length && j < b.columns.length) {
            if (a.columns[i] == b.columns[j]) {
                return true;
            }
            if (a.columns[i] < b.columns[j]) {
                i++;
            } else {
                j++;
            }
        }
        return false;
    }

    private static List<ProtectedCell> result(
            List<CellSpec> specs,
            int[] values,
            int[] privateValues,
            BitSet primary,
            BitSet suppressed,
            AttackerIntervals.Interval[] intervals) {
        List<ProtectedCell> out = new ArrayList<>(specs.size());
        for (int c = 0; c < specs.size(); c++) {
            Outcome outcome;
            if (suppressed.get(c)) {
                int known = values[c] - privateValues[c];
                OptionalInt upper = intervals[c].upper();
                outcome = new Outcome.Suppressed(
                        values[c],
                        primary.get(c) ? Outcome.Reason.PRIMARY : Outcome.Reason.SECONDARY,
                        intervals[c].lower() + known,
                        upper.isEmpty() ? upper : OptionalInt.of(upper.getAsInt() + known));
            } else {
                outcome = new Outcome.Published(values[c]);
            }
            out.add(new ProtectedCell(specs.get(c).id(), outcome));
        }
        return List.copyOf(out);
    }
}
