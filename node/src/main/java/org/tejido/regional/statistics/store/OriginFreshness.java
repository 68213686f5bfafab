package org.tejido.regional.statistics.store;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * One origin as a statistics release depends on it.
 *
 * @param origin the log, e.g. {@code mx.example.org/MX/v1}
 * @param checkpoint the last checkpoint the aggregator accepted from it: the records of the snapshot are
 *     exactly those of its log up to that size; empty when the origin never stored a batch
 * @param age how long before the snapshot that checkpoint was accepted (the lag the aggregator can
 *     know: it cannot know how much a node has not sent yet); empty without a checkpoint
 * @param equivocationDetectedAt when its log key was found signing two histories; its records then rest
 *     on a log that is in question (docs/operations.md, "A forked log")
 * @param stale whether the checkpoint is older than {@code tejido.statistics.stale-after}, or missing
 */
public record OriginFreshness(
        String origin,
        Optional<AcceptedCheckpoint> checkpoint,
        Optional<Duration> age,
        Optional<Instant> equivocationDetectedAt,
        boolean stale) {

    /** Entries of its log the aggregator stored (verified and cosigned): the checkpoint's size. */
    public long entriesStored() {
        return checkpoint.map(AcceptedCheckpoint::size).orElse(0L);
    }

    public boolean equivocation() {
        return equivocationDetectedAt.isPresent();
    }

    /**
     * A checkpoint the aggregator accepted and cosigned.
     *
     * @param rootHashHex the tree's root at that size, lowercase hex
     */
    public record AcceptedCheckpoint(long size, String rootHashHex, Instant acceptedAt) {}
}
