package org.tejido.regional.intake;

import java.util.UUID;
import org.axonframework.serialization.Revision;

/**
 * A verified leaf stored at {@code index}: its exact bytes (they are what the tree hashes), with its
 * kind and target decoded for projections, and whether content came with it.
 */
@Revision("1")
public record LogEntryStoredEvent(
        String origin, long index, byte[] leaf, String kind, UUID targetId, boolean withContent)
        implements OriginLedgerEvent {}
