package org.tejido.regional.intake;

import java.util.List;
import org.tejido.ledger.leaf.LeafV1;
import org.tejido.ledger.note.Checkpoint;
import org.tejido.ledger.note.NoteException;
import org.tejido.ledger.note.SignedNote;

/**
 * What can be checked of a batch without the origin's stored log ({@link BatchVerifier#prepare}): its
 * shape, every leaf decoded with its content checked and its hash computed once, the checkpoint parsed
 * and its signature checked against one key. The refusals found here are reported by {@link
 * BatchVerifier#verify} in the brief's order, among the checks that need the stored log.
 *
 * @param shapeRefusal empty, or over the limits; nothing else was checked
 * @param leafRefusal the first leaf that does not decode or whose content does not match it
 * @param scopes per entry, the scope of the content kept beside it ({@link ShareScope}), read here
 *     rather than on the intake's serial path; null for an entry whose content is not kept
 * @param noteFailure why the checkpoint does not parse (then {@code note} and {@code claimed} are null)
 * @param signatureKey the verifier key, as text, the signature was checked against (null: not checked)
 * @param signatureFailure why the signature does not verify under {@code signatureKey} (null: it does)
 */
public record PreparedBatch(
        IncomingBatch incoming,
        Verdict.Refused shapeRefusal,
        Verdict.Refused leafRefusal,
        List<LeafV1> leaves,
        List<byte[]> leafHashes,
        List<String> scopes,
        SignedNote note,
        Checkpoint claimed,
        NoteException noteFailure,
        String signatureKey,
        NoteException signatureFailure) {}
