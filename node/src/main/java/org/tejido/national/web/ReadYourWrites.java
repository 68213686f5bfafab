package org.tejido.national.web;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * The read models are fed by tracking processors, a moment after the command. A page that sends the
 * person on to what she just changed waits, briefly and boundedly, until the read model shows it, so
 * that she does not land on a page that contradicts what she was just told. After the bound the page
 * shows what the read model has: never wrong, at worst a moment behind.
 */
final class ReadYourWrites {
    static final Duration BOUND = Duration.ofSeconds(10);
    private static final long PAUSE_MILLIS = 25;

    private ReadYourWrites() {}

    static void awaitUntil(BooleanSupplier shown) {
        long deadline = System.nanoTime() + BOUND.toNanos();
        while (!shown.getAsBoolean() && System.nanoTime() < deadline) {
            try {
                Thread.sleep(PAUSE_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
