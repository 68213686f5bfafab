package org.tejido.regional.intake;

import java.util.UUID;
import org.axonframework.serialization.Revision;

/**
 * The content beside entry {@code index} was deleted because entry {@code retractedBy} (a consent
 * revocation or an erasure of the same record) said so. The leaf stays: the tree still verifies.
 */
@Revision("1")
public record PayloadDeletedEvent(String origin, long index, UUID targetId, long retractedBy)
        implements OriginLedgerEvent {}
