package org.tejido.regional.intake;

import org.axonframework.serialization.Revision;

/**
 * Evidence of a forked log: a checkpoint validly signed by the origin's key that is inconsistent with
 * the checkpoint the aggregator had accepted and cosigned. Both notes are kept byte for byte, so anyone
 * holding the origin's verifier key can check that the node signed two incompatible histories.
 */
@Revision("1")
public record EquivocationDetectedEvent(
        String origin, String acceptedCheckpointNote, String conflictingCheckpointNote, String detail)
        implements OriginLedgerEvent {}
