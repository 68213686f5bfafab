package org.tejido.regional.intake;

import java.util.List;
import org.tejido.ledger.leaf.LeafV1;

/** The outcome of verifying one batch: apply all of it, nothing to do, or apply nothing. */
public sealed interface Verdict {

    /** Every entry verified; {@code log} is the origin's log once they are stored. */
    record Accepted(OriginLog log, List<LeafV1> leaves, String checkpointNote) implements Verdict {}

    /** The batch repeats what is already stored, byte for byte: a resend after a lost answer. */
    record AlreadyStored(OriginLog log) implements Verdict {}

    /** Nothing of the batch may be applied. {@code detail} names the rule and the entry, never content. */
    record Refused(Refusal reason, String detail) implements Verdict {}
}
