package org.tejido.regional.intake;

import java.util.List;

/**
 * What a stored batch changes beside the event store, in the same transaction: the content kept
 * beside new leaves, retracted content deleted, and the origin's state for GetLogState.
 */
interface IntakeStore {
    void keepContent(String origin, List<BatchOutcome.Content> content);

    void deleteContent(String origin, List<Long> indices);

    void updateState(String origin, BatchOutcome.Stored stored);

    /** Marks the origin as having signed two histories, from {@code at} (the first time counts). */
    void flagEquivocation(String origin, java.time.Instant at);
}
