package org.tejido.regional.intake;

import java.util.List;
import java.util.UUID;
import org.axonframework.serialization.Revision;

/**
 * A verified batch stored: its leaves from {@code firstIndex} on, each with its exact bytes (they are
 * what the tree hashes), its kind and target decoded for projections, and whether content came with
 * it. One event per batch, not per leaf: the batch is the unit that was verified and signed.
 */
@Revision("1")
public record EntriesStoredEvent(String origin, long firstIndex, List<StoredEntry> entries)
        implements OriginLedgerEvent {
    public EntriesStoredEvent {
        entries = List.copyOf(entries);
    }

    /** One stored leaf; its index is the batch's first index plus its position. */
    public record StoredEntry(byte[] leaf, String kind, UUID targetId, boolean withContent) {}
}
