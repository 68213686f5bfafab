package org.tejido.ledger.leaf;

import java.util.List;
import java.util.Objects;

/** The outcome of {@link LogChain#check}: all leaves accepted, or the first problem and where it is. */
public sealed interface ChainResult {

    /** The whole batch extends the chain; {@code tip} is where the chain ends after it. */
    record Accepted(ChainTip tip, List<LeafV1> leaves) implements ChainResult {
        public Accepted {
            Objects.requireNonNull(tip, "tip");
            leaves = List.copyOf(leaves);
        }
    }

    /**
     * Nothing in the batch may be applied.
     *
     * @param position zero-based position in the batch of the first offending leaf
     */
    record Rejected(ChainError error, int position, String detail) implements ChainResult {
        public Rejected {
            Objects.requireNonNull(error, "error");
            Objects.requireNonNull(detail, "detail");
        }
    }
}
