package org.tejido.regional.intake;

/**
 * What happens to one origin's log at the aggregator. Sealed so that every projection handles every
 * case. None of these events carries a payload or a salt: content lives beside the log
 * (regional_payload) so that a retraction can delete it for good.
 */
public sealed interface OriginLedgerEvent
        permits EntriesStoredEvent,
                CheckpointCosignedEvent,
                PayloadDeletedEvent,
                BatchRefusedEvent,
                EquivocationDetectedEvent,
                LogKeyRotatedEvent {
    String origin();
}
