package org.tejido.regional.intake;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.tejido.ledger.leaf.ChainResult;
import org.tejido.ledger.leaf.Commitment;
import org.tejido.ledger.leaf.LeafCodec;
import org.tejido.ledger.leaf.LeafFormatException;
import org.tejido.ledger.leaf.LeafV1;
import org.tejido.ledger.leaf.LogChain;
import org.tejido.ledger.merkle.CompactRange;
import org.tejido.ledger.merkle.ConsistencyVerifier;
import org.tejido.ledger.merkle.MerkleHash;
import org.tejido.ledger.merkle.MerkleTree;
import org.tejido.ledger.merkle.ProofException;
import org.tejido.ledger.note.Checkpoint;
import org.tejido.ledger.note.NoteException;
import org.tejido.ledger.note.NoteVerifier;
import org.tejido.ledger.note.NoteVerifierKey;
import org.tejido.ledger.note.SignedNote;

/**
 * Verifies one incoming batch against what is stored for its origin, in the order of
 * docs/federation-protocol.md section 5 (the one statement of that order; the step numbers below are
 * its own). The first failure refuses the whole batch; nothing is applied before every rule has passed.
 */
public final class BatchVerifier {
    public static final int MAX_ENTRIES = 256;
    public static final int MAX_PAYLOAD = 8 * 1024;
    public static final int MAX_NOTE = 8 * 1024;
    public static final int MAX_PROOF = 64;

    private final NoteVerifier enrolledKey;
    private final String keyText;

    /** @param enrolledKey the log-signing key in force for the origin (confirmed out of band, or rotated to) */
    public BatchVerifier(NoteVerifierKey enrolledKey) {
        this.enrolledKey = new NoteVerifier(List.of(enrolledKey));
        this.keyText = enrolledKey.format();
    }

    public Verdict verify(OriginLog stored, IncomingBatch batch) {
        return verify(stored, prepare(batch, null));
    }

    /**
     * Steps 0 (what the batch itself must be) and 1 (strict parse), which need nothing but the batch, so
     * that they run before the origin's log is at hand (on the thread that receives the next batch while
     * the previous one is stored). The signature is checked against {@code expectedKey} when given;
     * {@link #verify} checks it again only when the key in force is another one.
     */
    public static PreparedBatch prepare(IncomingBatch batch, NoteVerifierKey expectedKey) {
        // 0. Limits and structure.
        if (batch.entries().isEmpty() || batch.checkpointNote() == null || batch.checkpointNote().length == 0) {
            return refused(batch, Refusal.BATCH_MALFORMED, "a batch needs entries and a checkpoint");
        }
        if (batch.entries().size() > MAX_ENTRIES
                || batch.checkpointNote().length > MAX_NOTE
                || batch.consistencyProof().size() > MAX_PROOF) {
            return refused(batch, Refusal.TOO_LARGE, "limits: 256 entries, 8 KiB note, 64 proof hashes");
        }
        for (int i = 0; i < batch.entries().size(); i++) {
            IncomingEntry entry = batch.entries().get(i);
            if (length(entry.payload()) > MAX_PAYLOAD) {
                return refused(batch, Refusal.TOO_LARGE, "entry " + i + ": payload over 8 KiB");
            }
            if (length(entry.salt()) != 0 && length(entry.salt()) != Commitment.SALT_SIZE) {
                return refused(batch, Refusal.BATCH_MALFORMED, "entry " + i + ": salt must be 32 bytes");
            }
            if (length(entry.salt()) == 0 && length(entry.payload()) != 0) {
                return refused(batch, Refusal.BATCH_MALFORMED, "entry " + i + ": payload without salt");
            }
        }
        for (int i = 0; i < batch.consistencyProof().size(); i++) {
            if (!MerkleHash.isValid(batch.consistencyProof().get(i))) {
                return refused(batch, Refusal.BATCH_MALFORMED, "proof element " + i + " is not 32 bytes");
            }
        }

        // 1. Strict parse: every leaf and the content beside it, then the checkpoint.
        List<LeafV1> leaves = new ArrayList<>();
        List<byte[]> hashes = new ArrayList<>();
        List<String> scopes = new ArrayList<>();
        for (int i = 0; i < batch.entries().size(); i++) {
            IncomingEntry entry = batch.entries().get(i);
            LeafV1 leaf;
            try {
                leaf = LeafCodec.decode(entry.leaf());
            } catch (LeafFormatException e) {
                return refused(
                        batch,
                        Refusal.LEAF_MALFORMED,
                        "entry " + i + ": " + e.failure().code());
            }
            if (!leaf.origin().equals(batch.origin())) {
                return refused(batch, Refusal.ORIGIN_MISMATCH, "entry " + i + ": chain.wrong_origin");
            }
            String scope = null;
            if (length(entry.salt()) != 0) {
                if (!Commitment.matches(leaf.commitment(), entry.salt(), orEmpty(entry.payload()))) {
                    return refused(batch, Refusal.COMMITMENT_MISMATCH, "entry " + i + ": commitment does not match");
                }
                // Minimization checked again here: a node's bug, or a node sharing more than consent
                // allows, is refused before anything of it is stored.
                ShareContent.Checked checked = length(entry.payload()) == 0 && OriginLedger.isShare(leaf.kind())
                        ? new ShareContent.Checked.Refused("content.missing_field")
                        : ShareContent.check(leaf.kind(), entry.payload());
                if (checked instanceof ShareContent.Checked.Refused outOfScope) {
                    return refused(batch, Refusal.CONTENT_OUT_OF_SCOPE, "entry " + i + ": " + outOfScope.detail());
                }
                scope = ((ShareContent.Checked.Allowed) checked).scope().orElse(null);
            }
            leaves.add(leaf);
            hashes.add(MerkleHash.leaf(entry.leaf()));
            // Content kept beside a share (keepsContent) passed the check above, which read its scope.
            scopes.add(OriginLedger.keepsContent(leaf, entry) ? scope : null);
        }
        if (!batch.consistencyProof().isEmpty() && leaves.get(0).index() == 0) {
            return refused(batch, Refusal.BATCH_MALFORMED, "a consistency proof from an empty log");
        }
        SignedNote note;
        Checkpoint claimed;
        try {
            note = SignedNote.parse(batch.checkpointNote());
            claimed = Checkpoint.parse(note.text());
        } catch (NoteException e) {
            return refused(batch, Refusal.CHECKPOINT_MALFORMED, e.failure().code());
        }
        if (!claimed.extensions().isEmpty()) {
            // Nodes never write them, and a cosignature would vouch for lines the witness cannot read;
            // they would also carry text past minimization into notes that are never erased.
            return refused(batch, Refusal.CHECKPOINT_MALFORMED, "note.checkpoint_extension_lines");
        }
        if (!claimed.origin().equals(batch.origin())) {
            return refused(batch, Refusal.ORIGIN_MISMATCH, "checkpoint origin differs");
        }
        PreparedBatch.SignatureCheck signature = expectedKey == null
                ? new PreparedBatch.SignatureCheck.Unchecked()
                : check(new NoteVerifier(List.of(expectedKey)), expectedKey.format(), note);
        return new PreparedBatch.Ready(
                batch,
                // Built here and never changed after: handed over without a copy.
                Collections.unmodifiableList(leaves),
                Collections.unmodifiableList(hashes),
                Collections.unmodifiableList(scopes),
                note,
                claimed,
                signature);
    }

    public Verdict verify(OriginLog stored, PreparedBatch prepared) {
        if (!stored.origin().equals(prepared.incoming().origin())) {
            return refuse(Refusal.ORIGIN_MISMATCH, "batch origin differs from the enrolled origin");
        }
        if (prepared instanceof PreparedBatch.Refused refused) {
            return refused.refusal();
        }
        PreparedBatch.Ready ready = (PreparedBatch.Ready) prepared;
        Checkpoint claimed = ready.claimed();

        // 1b. A validly signed checkpoint of a size already held, with another root: the node signed two
        // histories (whatever leaves came with it).
        if (stored.size() > 0 && claimed.size() <= stored.size()) {
            byte[] held = rootAt(stored, claimed.size());
            if (!Arrays.equals(held, claimed.rootHash()) && signatureFailure(ready) == null) {
                return forked(stored, ready, held);
            }
        }

        // 2. Index and chain. Below the stored size, leaves must be the stored ones (a resend).
        long first = ready.firstIndex();
        if (first < stored.size()) {
            return resend(stored, ready, first);
        }
        ChainResult chain = new LogChain(stored.origin()).check(stored.tip(), ready.leaves(), ready.leafHashes());
        if (chain instanceof ChainResult.Rejected rejected) {
            Refusal reason = switch (rejected.error()) {
                case WRONG_ORIGIN -> Refusal.ORIGIN_MISMATCH;
                case MALFORMED_LEAF -> Refusal.LEAF_MALFORMED;
                default -> Refusal.CHAIN_BROKEN;
            };
            return refuse(
                    reason,
                    "entry " + rejected.position() + ": " + rejected.error().code());
        }

        // 3. The checkpoint commits to the tree the aggregator recomputes itself.
        CompactRange grown = stored.range().copy();
        for (byte[] hash : ready.leafHashes()) {
            grown.append(hash);
        }
        List<byte[]> hashes = concat(stored.leafHashes(), ready.leafHashes());
        if (claimed.size() != hashes.size() || !Arrays.equals(claimed.rootHash(), grown.root())) {
            return refuse(Refusal.CHECKPOINT_MISMATCH, "checkpoint size or root differs from the recomputed tree");
        }

        // 4. Signed by the key in force.
        NoteException unsigned = signatureFailure(ready);
        if (unsigned != null) {
            return refuse(Refusal.SIGNATURE_INVALID, unsigned.failure().code());
        }

        // 5. The proof sent, if any, must hold. The new root was recomputed over the very leaves that gave
        // the previous one, so a proof that fails is a bad proof, not a fork: no accusation.
        if (!ready.incoming().consistencyProof().isEmpty()) {
            try {
                ConsistencyVerifier.verify(
                        stored.size(),
                        claimed.size(),
                        ready.incoming().consistencyProof(),
                        stored.root(),
                        claimed.rootHash());
            } catch (ProofException e) {
                return refuse(Refusal.INCONSISTENT_CHECKPOINT, e.failure().code());
            }
        }
        return new Verdict.Accepted(
                new OriginLog(stored.origin(), hashes, grown),
                ready.leaves(),
                ready.scopes(),
                new String(ready.incoming().checkpointNote(), StandardCharsets.UTF_8));
    }

    /**
     * A batch that starts below the stored size: every leaf below it must be the stored one (otherwise
     * the log was rewritten), it must not reach past the stored size, and its checkpoint must be the held
     * tree at its size, validly signed. Then it is a resend after a lost answer, and changes nothing.
     */
    private Verdict resend(OriginLog stored, PreparedBatch.Ready ready, long first) {
        List<byte[]> hashes = ready.leafHashes();
        for (int i = 0; i < hashes.size() && first + i < stored.size(); i++) {
            if (!Arrays.equals(stored.leafHashes().get((int) first + i), hashes.get(i))) {
                return refuse(
                        Refusal.ROLLBACK,
                        "entry " + i + ": chain.index_already_used (differs from the stored leaf " + (first + i) + ")");
            }
        }
        if (ready.lastIndex() >= stored.size()) {
            return refuse(Refusal.CHAIN_BROKEN, "chain.index_already_used: resend from the stored size");
        }
        Checkpoint claimed = ready.claimed();
        if (claimed.size() != ready.lastIndex() + 1
                || !Arrays.equals(claimed.rootHash(), rootAt(stored, claimed.size()))) {
            return refuse(Refusal.CHECKPOINT_MISMATCH, "checkpoint size or root differs from the held tree");
        }
        NoteException unsigned = signatureFailure(ready);
        if (unsigned != null) {
            return refuse(Refusal.SIGNATURE_INVALID, unsigned.failure().code());
        }
        return new Verdict.AlreadyStored(stored);
    }

    private Verdict forked(OriginLog stored, PreparedBatch.Ready ready, byte[] held) {
        long size = ready.claimed().size();
        List<byte[]> proof =
                size == stored.size() ? List.of() : MerkleTree.consistencyProof(stored.leafHashes(), (int) size);
        return new Verdict.Forked(
                Refusal.EQUIVOCATION,
                "checkpoint of size " + size + " signed with a root other than the held tree's",
                new String(ready.incoming().checkpointNote(), StandardCharsets.UTF_8),
                size,
                held,
                proof);
    }

    /** The root of the held tree at {@code size}: the compact range's at the stored size, else recomputed. */
    private static byte[] rootAt(OriginLog stored, long size) {
        return size == stored.size()
                ? stored.root()
                : MerkleTree.root(stored.leafHashes().subList(0, (int) size));
    }

    /** Null when the note verifies under the key in force; checked on arrival if that was the same key. */
    private NoteException signatureFailure(PreparedBatch.Ready ready) {
        PreparedBatch.SignatureCheck check = ready.signature();
        if (check instanceof PreparedBatch.SignatureCheck.Valid valid && keyText.equals(valid.key())) {
            return null;
        }
        if (check instanceof PreparedBatch.SignatureCheck.Invalid invalid && keyText.equals(invalid.key())) {
            return invalid.failure();
        }
        return check(enrolledKey, keyText, ready.note()) instanceof PreparedBatch.SignatureCheck.Invalid invalid
                ? invalid.failure()
                : null;
    }

    private static PreparedBatch.SignatureCheck check(NoteVerifier verifier, String key, SignedNote note) {
        try {
            verifier.verify(note);
            return new PreparedBatch.SignatureCheck.Valid(key);
        } catch (NoteException e) {
            return new PreparedBatch.SignatureCheck.Invalid(key, e);
        }
    }

    /** The stored hashes followed by the batch's, as a view: no copy of the whole log per batch. */
    private static List<byte[]> concat(List<byte[]> stored, List<byte[]> added) {
        int storedSize = stored.size();
        int size = storedSize + added.size();
        return new java.util.AbstractList<>() {
            @Override
            public byte[] get(int index) {
                java.util.Objects.checkIndex(index, size);
                return index < storedSize ? stored.get(index) : added.get(index - storedSize);
            }

            @Override
            public int size() {
                return size;
            }
        };
    }

    private static byte[] orEmpty(byte[] bytes) {
        return bytes == null ? new byte[0] : bytes;
    }

    private static int length(byte[] bytes) {
        return bytes == null ? 0 : bytes.length;
    }

    private static PreparedBatch refused(IncomingBatch batch, Refusal reason, String detail) {
        return new PreparedBatch.Refused(batch, refuse(reason, detail));
    }

    private static Verdict.Refused refuse(Refusal reason, String detail) {
        return new Verdict.Refused(reason, detail);
    }
}
