package org.tejido.regional.intake;

import java.util.UUID;

/** What became of a batch, as the gRPC endpoint needs it to answer. */
public sealed interface BatchOutcome {

    /** What the aggregator now holds for the origin: size, the node's note and the cosignature lines. */
    record Stored(long storedSize, String checkpointNote, String cosignatureNote) implements BatchOutcome {}

    record Refused(Refusal reason, String detail, long storedSize) implements BatchOutcome {}

    /** Content to keep beside a newly stored leaf, with the scope it was minimized for (read by {@link ShareContent#check}). */
    record Content(long index, UUID targetId, int kind, byte[] payload, byte[] salt, String scope) {}
}
