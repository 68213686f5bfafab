package org.tejido.regional.intake;

import org.axonframework.serialization.Revision;

/**
 * A push refused, kept as a security record: which rule, where (never content), by which client
 * certificate. Nothing of the batch was stored.
 */
@Revision("1")
public record BatchRefusedEvent(
        String origin, String reason, String detail, long firstIndex, int entries, String callerFingerprint)
        implements OriginLedgerEvent {}
