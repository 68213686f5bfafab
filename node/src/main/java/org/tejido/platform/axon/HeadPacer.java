package org.tejido.platform.axon;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongConsumer;
import java.util.function.LongSupplier;

/**
 * Spaces out the fetches of a reader that has reached the head of the event store: after a fetch that
 * came back short (fewer events than asked for), the reader's next fetch waits until {@code interval}
 * has passed since it. A reader catching up (full fetches) never waits. State is per reading thread.
 */
final class HeadPacer {
    private static final long NOT_AT_HEAD = Long.MIN_VALUE;

    private final long intervalNanos;
    private final LongSupplier nanoClock;
    private final LongConsumer parker;
    private final ThreadLocal<long[]> lastShortFetch = ThreadLocal.withInitial(() -> new long[] {NOT_AT_HEAD});

    HeadPacer(Duration interval) {
        // parkNanos, not sleep: an interrupt (the store shutting down) ends the wait and stays set.
        this(interval, System::nanoTime, LockSupport::parkNanos);
    }

    HeadPacer(Duration interval, LongSupplier nanoClock, LongConsumer parker) {
        if (interval.isNegative()) {
            throw new IllegalArgumentException("The tailing fetch interval cannot be negative: " + interval);
        }
        this.intervalNanos = interval.toNanos();
        this.nanoClock = nanoClock;
        this.parker = parker;
    }

    /** Waits, if this thread's last fetch came back short less than the interval ago. */
    void beforeFetch() {
        long last = lastShortFetch.get()[0];
        if (last != NOT_AT_HEAD) {
            long wait = last + intervalNanos - nanoClock.getAsLong();
            if (wait > 0) {
                parker.accept(wait);
            }
        }
    }

    void afterFetch(int fetched, int asked) {
        lastShortFetch.get()[0] = fetched < asked ? nanoClock.getAsLong() : NOT_AT_HEAD;
    }
}
