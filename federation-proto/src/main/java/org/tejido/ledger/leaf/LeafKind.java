package org.tejido.ledger.leaf;

import java.util.Optional;

/** What a leaf records. The byte values are part of the v1 wire format: never renumber, only append. */
public enum LeafKind {
    SHARED(1),
    AMENDED(2),
    CONSENT_REVOKED(3),
    ERASURE_DONE(4),
    KEY_ROTATION(5),
    PADDING(6);

    private final int code;

    LeafKind(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    /** Empty for any byte this version does not define, so decoders must refuse rather than guess. */
    public static Optional<LeafKind> fromCode(int code) {
        for (LeafKind kind : values()) {
            if (kind.code == code) {
                return Optional.of(kind);
            }
        }
        return Optional.empty();
    }
}
