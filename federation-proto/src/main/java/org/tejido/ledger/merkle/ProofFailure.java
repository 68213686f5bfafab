package org.tejido.ledger.merkle;

/** Why an inclusion or consistency proof was refused. Codes are stable: they reach logs and API errors. */
public enum ProofFailure {
    HASH_LENGTH("merkle.hash_length"),
    NEGATIVE_SIZE("merkle.negative_size"),
    INDEX_OUT_OF_RANGE("merkle.index_out_of_range"),
    SIZES_DECREASE("merkle.sizes_decrease"),
    EMPTY_OLD_TREE("merkle.empty_old_tree"),
    PROOF_TOO_SHORT("merkle.proof_too_short"),
    PROOF_TOO_LONG("merkle.proof_too_long"),
    ROOT_MISMATCH("merkle.root_mismatch");

    private final String code;

    ProofFailure(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }
}
