package org.tejido.ledger.note;

import java.util.List;
import java.util.Objects;

/** Note text together with the trusted keys whose signatures over it verified (never empty). */
public record VerifiedNote(String text, List<NoteVerifierKey> signers) {

    public VerifiedNote {
        Objects.requireNonNull(text, "text");
        signers = List.copyOf(signers);
        if (signers.isEmpty()) {
            throw new IllegalArgumentException("a verified note has at least one verified signer");
        }
    }

    public boolean isSignedBy(NoteVerifierKey key) {
        return signers.contains(key);
    }
}
