package org.tejido.regional.intake;

import java.util.List;
import org.tejido.ledger.leaf.LeafV1;

/** The outcome of verifying one batch: apply all of it, nothing to do, or apply nothing. */
public sealed interface Verdict {

    /**
     * Every entry verified; {@code log} is the origin's log once they are stored; {@code scopes} as in
     * {@link PreparedBatch.Ready}.
     */
    record Accepted(OriginLog log, List<LeafV1> leaves, List<String> scopes, String checkpointNote)
            implements Verdict {}

    /** The batch repeats what is already stored, byte for byte, under a checkpoint of the held tree. */
    record AlreadyStored(OriginLog log) implements Verdict {}

    /** Nothing of the batch may be applied. {@code detail} names the rule and the entry, never content. */
    record Refused(Refusal reason, String detail) implements Verdict {}

    /**
     * Refused, and evidence that the origin's key signed two histories that cannot both be true: the
     * batch's checkpoint, validly signed, gives a root for a size the aggregator already holds, and the
     * aggregator's tree at that size (committed to by the last checkpoint it accepted) has another root.
     *
     * @param conflictingNote the batch's checkpoint note, as received
     * @param conflictingSize its size
     * @param heldRoot the root of the held tree at {@code conflictingSize}
     * @param consistencyProof from {@code heldRoot} at {@code conflictingSize} to the last accepted
     *     checkpoint's root (empty when the sizes are equal)
     */
    record Forked(
            Refusal reason,
            String detail,
            String conflictingNote,
            long conflictingSize,
            byte[] heldRoot,
            List<byte[]> consistencyProof)
            implements Verdict {}
}
