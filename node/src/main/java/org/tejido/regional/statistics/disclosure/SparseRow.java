package org.tejido.regional.statistics.disclosure;

import java.util.Arrays;

/**
 * A row of integers over the release's variables (its non-zero columns ascending), for exact Gaussian
 * elimination: combinations stay integers, divided by their gcd, so nothing is rounded. A value that
 * would overflow a long stops the release ({@link ArithmeticException}) rather than round.
 */
final class SparseRow {
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
     * zero: {@code p·this − t·pivotRow}, where p and t are the two rows' values there, divided by the
     * gcd of what remains.
     */
    SparseRow eliminate(int column, SparseRow pivotRow) {
        long t = at(column);
        if (t == 0) {
            return this;
        }
        long p = pivotRow.at(column);
        long g = gcd(Math.abs(p), Math.abs(t));
        long a = p / g;
        long b = t / g;
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
                v = Math.multiplyExact(a, values[i++]);
            } else if (cj < ci) {
                c = cj;
                v = Math.negateExact(Math.multiplyExact(b, pivotRow.values[j++]));
            } else {
                c = ci;
                v = Math.subtractExact(Math.multiplyExact(a, values[i++]), Math.multiplyExact(b, pivotRow.values[j++]));
            }
            if (v != 0) {
                cols[n] = c;
                vals[n++] = v;
            }
        }
        return normalised(Arrays.copyOf(cols, n), Arrays.copyOf(vals, n));
    }

    /** Divided by the gcd of its values, first value positive: one form per line of the span. */
    private static SparseRow normalised(int[] cols, long[] vals) {
        if (cols.length == 0) {
            return new SparseRow(cols, vals);
        }
        long g = 0;
        for (long v : vals) {
            g = gcd(g, Math.abs(v));
        }
        if (vals[0] < 0) {
            g = -g;
        }
        if (g != 1) {
            for (int k = 0; k < vals.length; k++) {
                vals[k] /= g;
            }
        }
        return new SparseRow(cols, vals);
    }

    private static long gcd(long a, long b) {
        while (b != 0) {
            long r = a % b;
            a = b;
            b = r;
        }
        return a;
    }
}
