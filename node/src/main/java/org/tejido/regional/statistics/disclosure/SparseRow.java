package org.tejido.regional.statistics.disclosure;

import java.util.Arrays;

/**
 * A row over the release's variables (its non-zero columns ascending) for Gaussian elimination in the
 * field of integers modulo the prime p = 2⁶¹ − 1. Exact (nothing is rounded) and bounded (no coefficient
 * grows, as integer elimination's do over hundreds of cells), and deterministic.
 *
 * <p>A row that is not zero over the rationals is zero modulo p only when p divides every one of its
 * entries, with the entries fixed by the input: no adversary chooses them, and the chance is about one in
 * 2⁶¹ per row. The verdict that matters never rests on it: every suppressed cell's interval is then
 * checked by linear programming ({@link AttackerIntervals}), which finds an exactly computable cell
 * whatever the elimination concluded.
 */
final class SparseRow {
    static final long P = (1L << 61) - 1;

    final int[] columns;
    final long[] values;

    SparseRow(int[] columns, long[] values) {
        this.columns = columns;
        this.values = values;
    }

    /** A 0/1 row: ones in the given ascending columns. */
    static SparseRow ones(int[] columns) {
        long[] values = new long[columns.length];
        Arrays.fill(values, 1);
        return new SparseRow(columns, values);
    }

    boolean isZero() {
        return columns.length == 0;
    }

    /** The value in a column, 0 when absent. */
    long at(int column) {
        int i = Arrays.binarySearch(columns, column);
        return i < 0 ? 0 : values[i];
    }

    /** The first column that is not zero (the pivot this row would take). */
    int firstColumn() {
        return columns[0];
    }

    /**
     * {@code this} with {@code column} eliminated by {@code pivotRow}, whose value in that column is not
     * zero: {@code this − (t/p)·pivotRow}, where p and t are the two rows' values there, scaled so that
     * its first value is 1 (one form per line of the span).
     */
    SparseRow eliminate(int column, SparseRow pivotRow) {
        long t = at(column);
        if (t == 0) {
            return this;
        }
        long factor = mul(t, inverse(pivotRow.at(column)));
        int[] cols = new int[columns.length + pivotRow.columns.length];
        long[] vals = new long[cols.length];
        int n = 0;
        int i = 0;
        int j = 0;
        while (i < columns.length || j < pivotRow.columns.length) {
            int ci = i < columns.length ? columns[i] : Integer.MAX_VALUE;
            int cj = j < pivotRow.columns.length ? pivotRow.columns[j] : Integer.MAX_VALUE;
            long v;
            int c;
            if (ci < cj) {
                c = ci;
                v = values[i++];
            } else if (cj < ci) {
                c = cj;
                v = sub(0, mul(factor, pivotRow.values[j++]));
            } else {
                c = ci;
                v = sub(values[i++], mul(factor, pivotRow.values[j++]));
            }
            if (v != 0) {
                cols[n] = c;
                vals[n++] = v;
            }
        }
        return normalised(Arrays.copyOf(cols, n), Arrays.copyOf(vals, n));
    }

    /** Scaled so that its first value is 1. */
    private static SparseRow normalised(int[] cols, long[] vals) {
        if (cols.length > 0 && vals[0] != 1) {
            long scale = inverse(vals[0]);
            for (int k = 0; k < vals.length; k++) {
                vals[k] = mul(vals[k], scale);
            }
        }
        return new SparseRow(cols, vals);
    }

    /** a·b mod p, for a, b in [0, p): the 122-bit product folded twice (p is a Mersenne prime). */
    static long mul(long a, long b) {
        long hi = Math.multiplyHigh(a, b);
        long lo = a * b;
        long r = ((hi << 3) | (lo >>> 61)) + (lo & P);
        r = (r & P) + (r >>> 61);
        return r >= P ? r - P : r;
    }

    static long sub(long a, long b) {
        long r = a - b;
        return r < 0 ? r + P : r;
    }

    /** a⁻¹ mod p for a in (0, p), by Fermat: a^(p−2). */
    static long inverse(long a) {
        long result = 1;
        long base = a;
        long e = P - 2;
        while (e > 0) {
            if ((e & 1) == 1) {
                result = mul(result, base);
            }
            base = mul(base, base);
            e >>>= 1;
        }
        return result;
    }
}
