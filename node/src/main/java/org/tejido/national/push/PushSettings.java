package org.tejido.national.push;

import java.time.Duration;

/**
 * How the pusher paces itself (docs/operations.md lists the properties).
 *
 * @param batchSize entries per batch, 1 to 256 (the protocol's limit)
 * @param batchesPerStream batches per PushLog stream, 1 to 64 (the protocol's limit)
 * @param interval the pause when the aggregator already holds the whole log
 * @param initialBackoff the first pause after a transport failure, doubled at each further one
 * @param maxBackoff the longest pause; also the pause after a refusal the node cannot fix by itself
 * @param pushDeadline the deadline of one PushLog stream
 * @param stateDeadline the deadline of one GetLogState call
 */
public record PushSettings(
        int batchSize,
        int batchesPerStream,
        Duration interval,
        Duration initialBackoff,
        Duration maxBackoff,
        Duration pushDeadline,
        Duration stateDeadline) {
    public static final int MAX_BATCH_SIZE = 256;
    public static final int MAX_BATCHES_PER_STREAM = 64;

    public PushSettings {
        if (batchSize < 1 || batchSize > MAX_BATCH_SIZE) {
            throw new IllegalArgumentException("batch size must be 1 to " + MAX_BATCH_SIZE);
        }
        if (batchesPerStream < 1 || batchesPerStream > MAX_BATCHES_PER_STREAM) {
            throw new IllegalArgumentException("batches per stream must be 1 to " + MAX_BATCHES_PER_STREAM);
        }
        for (Duration d : new Duration[] {interval, initialBackoff, maxBackoff, pushDeadline, stateDeadline}) {
            if (d == null || d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException("durations must be positive");
            }
        }
        if (maxBackoff.compareTo(initialBackoff) < 0) {
            throw new IllegalArgumentException("max backoff must not be below the initial backoff");
        }
    }

    /** The defaults of docs/operations.md. */
    public static PushSettings defaults() {
        return new PushSettings(
                MAX_BATCH_SIZE,
                MAX_BATCHES_PER_STREAM,
                Duration.ofSeconds(1),
                Duration.ofMillis(200),
                Duration.ofSeconds(30),
                Duration.ofSeconds(60),
                Duration.ofSeconds(10));
    }
}
