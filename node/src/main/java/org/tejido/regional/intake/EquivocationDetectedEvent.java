package org.tejido.regional.intake;

import java.util.List;
import org.axonframework.serialization.Revision;

/**
 * Evidence of a forked log: two checkpoints validly signed by the origin's key that cannot belong to
 * one append-only log. Both notes are kept byte for byte, so anyone holding the origin's verifier key can
 * check that the node signed both. The accepted note is the last one the aggregator accepted (size m);
 * the conflicting one has a size n at most m and a root other than {@code heldRoot}, the root at n of the
 * tree the accepted note commits to, which {@code consistencyProof} (RFC 9162 section 2.1.4, from n to m;
 * empty when n equals m) proves. Revision 1 events have neither (their sizes are equal).
 */
@Revision("2")
public record EquivocationDetectedEvent(
        String origin,
        String acceptedCheckpointNote,
        String conflictingCheckpointNote,
        String detail,
        byte[] heldRoot,
        List<byte[]> consistencyProof)
        implements OriginLedgerEvent {}
