package org.tejido.ledger.note;

/** Why a signed note, verifier key or checkpoint was refused. Codes are stable: they reach logs and APIs. */
public enum NoteFailure {
    NOT_UTF8("note.not_utf8"),
    CONTROL_CHARACTER("note.control_character"),
    MISSING_SIGNATURE_BLOCK("note.missing_signature_block"),
    MALFORMED_SIGNATURE_LINE("note.malformed_signature_line"),
    TOO_MANY_SIGNATURES("note.too_many_signatures"),
    INVALID_SIGNATURE("note.invalid_signature"),
    NO_VERIFIED_SIGNATURE("note.no_verified_signature"),
    MALFORMED_VERIFIER_KEY("note.malformed_verifier_key"),
    UNSUPPORTED_ALGORITHM("note.unsupported_algorithm"),
    INVALID_PUBLIC_KEY("note.invalid_public_key"),
    KEY_ID_MISMATCH("note.key_id_mismatch"),
    MALFORMED_CHECKPOINT("note.malformed_checkpoint");

    private final String code;

    NoteFailure(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }
}
