package org.tejido.national.push;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * Exponential backoff with jitter: each pause is drawn between half and all of a ceiling that doubles
 * after each failure up to a maximum, so that nodes cut off together do not all come back at once.
 */
final class Backoff {
    private final long initialMillis;
    private final long maxMillis;
    private final RandomGenerator random;
    private long ceilingMillis;

    Backoff(Duration initial, Duration max, RandomGenerator random) {
        this.initialMillis = Math.max(1, initial.toMillis());
        this.maxMillis = Math.max(initialMillis, max.toMillis());
        this.random = random;
        this.ceilingMillis = initialMillis;
    }

    Duration next() {
        long ceiling = ceilingMillis;
        ceilingMillis = Math.min(maxMillis, ceilingMillis * 2);
        long half = ceiling / 2;
        return Duration.ofMillis(half + random.nextLong(ceiling - half + 1));
    }

    void reset() {
        ceilingMillis = initialMillis;
    }
}
