package org.tejido.regional.statistics.disclosure;

/**
 * What a release is protected to: a cell with 1 to {@code threshold − 1} distinct non-public
 * contributors is suppressed (T), and every suppressed cell's interval, as an attacker can prove it,
 * must reach {@code threshold} and be at least {@code minWidth} wide when it starts below it (W).
 */
public record Parameters(int threshold, int minWidth) {
    public static final Parameters DEFAULT = new Parameters(5, 5);

    public Parameters {
        if (threshold < 2) {
            throw new IllegalArgumentException("threshold below 2 protects nothing: " + threshold);
        }
        if (minWidth < 1) {
            throw new IllegalArgumentException("minimum width below 1: " + minWidth);
        }
    }
}
