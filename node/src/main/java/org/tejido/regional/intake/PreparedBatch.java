package org.tejido.regional.intake;

import java.util.List;
import org.tejido.ledger.leaf.LeafV1;
import org.tejido.ledger.note.Checkpoint;
import org.tejido.ledger.note.NoteException;
import org.tejido.ledger.note.SignedNote;

/**
 * What can be checked of a batch without the origin's stored log ({@link BatchVerifier#prepare}):
 * admission and strict parse (docs/federation-protocol.md section 5, steps 0 and 1). Either the batch
 * is refused there, or it is ready for the checks against the stored log, with every leaf decoded, its
 * content checked and its hash computed once, and the checkpoint parsed.
 */
public sealed interface PreparedBatch {

    IncomingBatch incoming();

    /** The first rule of steps 0 and 1 that the batch breaks; nothing after it was checked. */
    record Refused(IncomingBatch incoming, Verdict.Refused refusal) implements PreparedBatch {}

    /**
     * @param scopes per entry, the scope of the content kept beside it ({@link ShareContent#check}), read here
     *     rather than on the intake's serial path; null for an entry whose content is not kept
     * @param signature whether the note was already checked against a key, and with what result
     */
    record Ready(
            IncomingBatch incoming,
            List<LeafV1> leaves,
            List<byte[]> leafHashes,
            List<String> scopes,
            SignedNote note,
            Checkpoint claimed,
            SignatureCheck signature)
            implements PreparedBatch {

        long firstIndex() {
            return leaves.get(0).index();
        }

        long lastIndex() {
            return leaves.get(leaves.size() - 1).index();
        }
    }

    /** The signature as checked on arrival, against the key expected then. */
    sealed interface SignatureCheck {
        /** No key was at hand on arrival: the verifier checks it. */
        record Unchecked() implements SignatureCheck {}

        /** The note verifies under {@code key} (a verifier key's text). */
        record Valid(String key) implements SignatureCheck {}

        /** The note does not verify under {@code key}, for {@code failure}. */
        record Invalid(String key, NoteException failure) implements SignatureCheck {}
    }
}
