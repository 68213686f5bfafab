package org.tejido.ledger.note;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Verifies notes against a fixed set of trusted keys, following c2sp.org/signed-note: signatures from unknown
 * keys (name and ID not both matching) are ignored; a signature from a known key that fails rejects the whole
 * note; at least one known key must have signed.
 */
public final class NoteVerifier {

    private record KeyRef(String name, int keyId) {}

    private final Map<KeyRef, NoteVerifierKey> known = new HashMap<>();

    public NoteVerifier(Collection<NoteVerifierKey> trusted) {
        for (NoteVerifierKey key : trusted) {
            NoteVerifierKey previous = known.put(new KeyRef(key.name(), key.keyId()), key);
            if (previous != null && !previous.equals(key)) {
                // Two keys sharing name and ID would make "which key signed" ambiguous; refuse the configuration.
                throw new IllegalArgumentException("two trusted keys share name and key ID: " + key.name());
            }
        }
        if (known.isEmpty()) {
            throw new IllegalArgumentException("a verifier needs at least one trusted key");
        }
    }

    public VerifiedNote verify(SignedNote note) throws NoteException {
        byte[] message = note.text().getBytes(StandardCharsets.UTF_8);
        Set<NoteVerifierKey> signers = new LinkedHashSet<>();
        for (NoteSignature signature : note.signatures()) {
            NoteVerifierKey key = known.get(new KeyRef(signature.keyName(), signature.keyId()));
            if (key == null) {
                continue;
            }
            // Repeated lines from one key are each checked (the spec says known keys MUST be verified),
            // then counted once.
            if (!key.publicKey().verify(message, signature.signature())) {
                throw new NoteException(
                        NoteFailure.INVALID_SIGNATURE, "signature by " + key.name() + " does not verify");
            }
            signers.add(key);
        }
        if (signers.isEmpty()) {
            throw new NoteException(NoteFailure.NO_VERIFIED_SIGNATURE, "no signature from a trusted key");
        }
        return new VerifiedNote(note.text(), new ArrayList<>(signers));
    }

    /** Parses and verifies in one step, for bytes straight off the wire. */
    public VerifiedNote open(byte[] note) throws NoteException {
        return verify(SignedNote.parse(note));
    }

    public List<NoteVerifierKey> trustedKeys() {
        return List.copyOf(known.values());
    }
}
