package org.tejido.regional.statistics.generator;

import java.util.List;
import java.util.SplittableRandom;

/**
 * Draws from a list with Zipf-like weights: the item of rank r (from 1) has weight 1 / r^s, so the first
 * items are common and the last ones rare, as in real registries (many threats, few killings).
 */
final class Skewed<T> {
    private final List<T> items;
    private final double[] cumulative;

    Skewed(List<T> items, double exponent) {
        if (items.isEmpty()) {
            throw new IllegalArgumentException("nothing to draw from");
        }
        this.items = List.copyOf(items);
        this.cumulative = new double[items.size()];
        double sum = 0;
        for (int i = 0; i < cumulative.length; i++) {
            sum += weight(i + 1, exponent);
            cumulative[i] = sum;
        }
        for (int i = 0; i < cumulative.length; i++) {
            cumulative[i] /= sum;
        }
    }

    /** The weight of rank {@code rank} (from 1) before normalization. */
    static double weight(int rank, double exponent) {
        return 1 / Math.pow(rank, exponent);
    }

    T draw(SplittableRandom random) {
        double u = random.nextDouble();
        int low = 0;
        int high = cumulative.length - 1;
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (cumulative[mid] < u) {
                low = mid + 1;
            } else {
                high = mid;
            }
        }
        return items.get(low);
    }

    /** The probability of the item at {@code index}. */
    double probability(int index) {
        return cumulative[index] - (index == 0 ? 0 : cumulative[index - 1]);
    }

    List<T> items() {
        return items;
    }
}
