package org.tejido.ledger.note;

import org.tejido.ledger.crypto.Ed25519PublicKey;

/**
 * A witness's public key as a verifier key string of type 0x04 (c2sp.org/tlog-cosignature):
 * {@code <name>+<8 hex digits key ID>+<base64(0x04 || 32-byte Ed25519 public key)>}, and the check that
 * a signed note carries a valid cosignature by it.
 */
public record WitnessKey(String name, Ed25519PublicKey publicKey) {
    public static WitnessKey of(Cosigner cosigner) {
        return new WitnessKey(cosigner.name(), cosigner.publicKey());
    }

    public static WitnessKey parse(String text) throws NoteException {
        NoteVerifierKey.Fields fields = NoteVerifierKey.Fields.parse(
                text, Cosigner.COSIGNATURE_TYPE, "a witness key has type 0x04 (cosignature/v1)");
        if (fields.keyId() != Cosigner.keyId(fields.name(), fields.publicKey())) {
            throw new NoteException(NoteFailure.KEY_ID_MISMATCH, "key ID does not match name and public key");
        }
        return new WitnessKey(fields.name(), fields.publicKey());
    }

    public String format() {
        return NoteVerifierKey.Fields.format(
                name, Cosigner.keyId(name, publicKey), Cosigner.COSIGNATURE_TYPE, publicKey);
    }

    /** Whether one of the note's signature lines is this witness's valid cosignature of its text. */
    public boolean cosigned(SignedNote note) {
        return note.signatures().stream().anyMatch(line -> Cosigner.verify(name, publicKey, note.text(), line) >= 0);
    }
}
