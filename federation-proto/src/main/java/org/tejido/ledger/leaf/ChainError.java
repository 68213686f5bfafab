package org.tejido.ledger.leaf;

/** Why a batch of leaves does not extend the accepted chain. Codes are stable: they reach logs and APIs. */
public enum ChainError {
    /** The bytes are not a v1 leaf at all; the {@link LeafFormatFailure} is in the rejection detail. */
    MALFORMED_LEAF("chain.malformed_leaf"),
    /** A leaf belongs to another log (for example a node pushing another country's origin). */
    WRONG_ORIGIN("chain.wrong_origin"),
    /** The index is below the expected one: a duplicate, a replay, or a reordered batch. */
    INDEX_ALREADY_USED("chain.index_already_used"),
    /** The index is above the expected one: a leaf is missing, or the batch is reordered. */
    INDEX_GAP("chain.index_gap"),
    /** The index fits but the leaf does not point at the leaf before it: history was rewritten. */
    PREVIOUS_HASH_MISMATCH("chain.previous_hash_mismatch");

    private final String code;

    ChainError(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }
}
