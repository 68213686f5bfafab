package org.tejido.ledger.note;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.tejido.ledger.crypto.Ed25519KeyPair;

/** Signs note text under a key name with Ed25519 (signature type 0x01). */
public final class NoteSigner {

    private final NoteVerifierKey verifierKey;
    private final Ed25519KeyPair keyPair;

    public NoteSigner(String name, Ed25519KeyPair keyPair) {
        this.keyPair = Objects.requireNonNull(keyPair, "keyPair");
        this.verifierKey = NoteVerifierKey.of(name, keyPair.publicKey());
    }

    /** The public half, to hand to verifiers (for example during enrollment). */
    public NoteVerifierKey verifierKey() {
        return verifierKey;
    }

    public NoteSignature sign(String text) throws NoteException {
        SignedNote.requireValidText(text);
        byte[] signature = keyPair.sign(text.getBytes(StandardCharsets.UTF_8));
        return new NoteSignature(verifierKey.name(), verifierKey.keyId(), signature);
    }

    /** A note over {@code text} signed by every signer, in the given order. */
    public static SignedNote signNote(String text, List<NoteSigner> signers) throws NoteException {
        List<NoteSignature> signatures = new ArrayList<>(signers.size());
        for (NoteSigner signer : signers) {
            signatures.add(signer.sign(text));
        }
        return new SignedNote(text, signatures);
    }

    @Override
    public String toString() {
        return "NoteSigner[" + verifierKey + "]";
    }
}
