package org.tejido.ledger.leaf;

/** Why bytes were refused as a v1 leaf. Codes are stable: they reach logs and API errors. */
public enum LeafFormatFailure {
    TRUNCATED("leaf.truncated"),
    TRAILING_BYTES("leaf.trailing_bytes"),
    UNKNOWN_VERSION("leaf.unknown_version"),
    ORIGIN_LENGTH("leaf.origin_length"),
    ORIGIN_NOT_UTF8("leaf.origin_not_utf8"),
    ORIGIN_CONTROL_CHARACTER("leaf.origin_control_character"),
    INDEX_OUT_OF_RANGE("leaf.index_out_of_range"),
    GENESIS_PREVIOUS_HASH("leaf.genesis_previous_hash"),
    UNKNOWN_KIND("leaf.unknown_kind");

    private final String code;

    LeafFormatFailure(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }
}
