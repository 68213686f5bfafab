package org.tejido.regional.intake;

import java.util.List;

/**
 * A batch as received (docs/federation-protocol.md, LogBatch): consecutive entries of one origin, the
 * node's signed checkpoint covering them, and an optional consistency proof from the stored size.
 */
public record IncomingBatch(
        String origin, List<IncomingEntry> entries, byte[] checkpointNote, List<byte[]> consistencyProof) {
    public IncomingBatch {
        entries = entries == null ? List.of() : List.copyOf(entries);
        consistencyProof = consistencyProof == null ? List.of() : List.copyOf(consistencyProof);
    }
}
