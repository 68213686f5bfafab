package org.tejido.regional.statistics.disclosure;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;

/**
 * Secondary suppression by Gaussian elimination (Langsrud's method, as in Statistics Norway's
 * GaussSuppression): the cells are offered for publication one by one in a fixed order, and a cell is
 * published unless publishing it would make a protected cell a linear combination of the published
 * ones, i.e. exactly computable. Exact integer arithmetic ({@link SparseRow}), so the verdict does not
 * depend on rounding.
 *
 * <p>A cell suppressed here can never be computed exactly either: had it been in the span of what is
 * finally published, publishing it would have added nothing, and could not have revealed a protected
 * cell.
 */
final class GaussSuppression {
    private final List<SparseRow> basis = new ArrayList<>();
    private final List<Integer> pivots = new ArrayList<>();
    private final Map<Integer, Integer> basisOfPivot = new HashMap<>();

    /**
     * The cells suppressed besides the protected ones.
     *
     * @param rows each cell's row over the variables
     * @param protectedCells cells that must stay not computable (primary, and any promoted)
     * @param published cells published already (earlier releases of the same period): they enter the
     *     basis first, whatever they reveal; a protected cell they pin is left to the interval check,
     *     which refuses the release
     * @param order the other cells, in the order they are offered for publication
     */
    static BitSet secondary(List<SparseRow> rows, BitSet protectedCells, List<Integer> published, List<Integer> order) {
        return new GaussSuppression().run(rows, protectedCells, published, order);
    }

    private BitSet run(List<SparseRow> rows, BitSet protectedCells, List<Integer> published, List<Integer> order) {
        List<SparseRow> residuals = new ArrayList<>();
        protectedCells.stream().forEach(cell -> residuals.add(rows.get(cell)));
        for (int cell : published) {
            SparseRow reduced = reduce(rows.get(cell));
            if (reduced.isZero()) {
                continue;
            }
            int pivot = reduced.firstColumn();
            List<SparseRow> updated = new ArrayList<>(residuals.size());
            for (SparseRow residual : residuals) {
                SparseRow next = residual.eliminate(pivot, reduced);
                if (!next.isZero()) {
                    updated.add(next);
                }
            }
            residuals.clear();
            residuals.addAll(updated);
            addToBasis(pivot, reduced);
        }
        BitSet secondary = new BitSet();
        for (int cell : order) {
            SparseRow reduced = reduce(rows.get(cell));
            if (reduced.isZero()) {
                continue; // computable from what is published already: publishing it adds nothing
            }
            int pivot = reduced.firstColumn();
            List<SparseRow> updated = new ArrayList<>(residuals.size());
            boolean reveals = false;
            for (SparseRow residual : residuals) {
                SparseRow next = residual.eliminate(pivot, reduced);
                if (next.isZero()) {
                    reveals = true;
                    break;
                }
                updated.add(next);
            }
            if (reveals) {
                secondary.set(cell);
            } else {
                residuals.clear();
                residuals.addAll(updated);
                addToBasis(pivot, reduced);
            }
        }
        return secondary;
    }

    private void addToBasis(int pivot, SparseRow reduced) {
        basisOfPivot.put(pivot, basis.size());
        basis.add(reduced);
        pivots.add(pivot);
    }

    /**
     * The row with every basis pivot eliminated, in the order the basis rows came: a basis row holds no
     * pivot of an earlier one, so an elimination never brings back a pivot already dealt with.
     */
    private SparseRow reduce(SparseRow row) {
        PriorityQueue<Integer> pending = new PriorityQueue<>();
        BitSet queued = new BitSet();
        for (int column : row.columns) {
            Integer k = basisOfPivot.get(column);
            if (k != null && !queued.get(k)) {
                queued.set(k);
                pending.add(k);
            }
        }
        SparseRow v = row;
        while (!pending.isEmpty()) {
            int k = pending.poll();
            SparseRow b = basis.get(k);
            int pivot = pivots.get(k);
            if (v.at(pivot) == 0) {
                continue;
            }
            v = v.eliminate(pivot, b);
            for (int column : b.columns) {
                Integer later = basisOfPivot.get(column);
                if (later != null && later > k && !queued.get(later)) {
                    queued.set(later);
                    pending.add(later);
                }
            }
        }
        return v;
    }
}
