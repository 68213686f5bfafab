package org.tejido.national.push;

import java.time.Duration;
import java.time.Instant;

/**
 * Where the node's federation log stands against the aggregator, in sizes, times and codes only: what
 * the status page shows. Nothing of the log's content.
 *
 * @param configured whether this node pushes at all (an aggregator address is set)
 * @param logSize entries in the node's log
 * @param lastSignedSize the size of the newest checkpoint the node signed, or -1 when none yet
 * @param lastSignedAt when it was signed, or null
 * @param pushedSize what the aggregator last confirmed it stores, or -1 when it never answered
 * @param pushedAt when that confirmation was recorded, or null
 * @param cosigned whether the aggregator cosigned the checkpoint of that size (checked against its
 *     witness key when one is configured)
 * @param witnessChecked whether a witness key is configured, so the cosignature was verified
 * @param lag entries in the log the aggregator does not hold yet
 * @param oldestUnsentAt when the oldest of those entries was appended, or null when none
 * @param failure the last round's failure (label and detailed code), or null
 * @param failingSince since when the push has been failing, or null
 */
public record FederationStatus(
        boolean configured,
        long logSize,
        long lastSignedSize,
        Instant lastSignedAt,
        long pushedSize,
        Instant pushedAt,
        boolean cosigned,
        boolean witnessChecked,
        long lag,
        Instant oldestUnsentAt,
        String failure,
        String failureCode,
        Instant failingSince) {

    /** The verdict the page says in words, worst first. */
    public enum State {
        NOT_CONFIGURED,
        FAILING,
        BEHIND,
        SENDING,
        UP_TO_DATE
    }

    public State state(Instant now, Duration behindAfter) {
        if (!configured) {
            return State.NOT_CONFIGURED;
        }
        if (failure != null) {
            return State.FAILING;
        }
        if (lag == 0) {
            return State.UP_TO_DATE;
        }
        return oldestUnsentAt != null && Duration.between(oldestUnsentAt, now).compareTo(behindAfter) >= 0
                ? State.BEHIND
                : State.SENDING;
    }
}
