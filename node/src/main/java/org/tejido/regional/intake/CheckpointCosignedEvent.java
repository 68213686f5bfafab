package org.tejido.regional.intake;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/**
 * The node's checkpoint of size {@code size}, accepted as consistent with everything stored before it,
 * exactly as the node signed it, and the aggregator's witness cosignature line(s) over it.
 */
@Revision("1")
public record CheckpointCosignedEvent(
        String origin, long size, String checkpointNote, String cosignatureNote, Instant cosignedAt)
        implements OriginLedgerEvent {}
