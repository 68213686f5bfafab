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
import org.tejido.ledger.merkle.ProofException;
import org.tejido.ledger.note.Checkpoint;
import org.tejido.ledger.note.NoteException;
import org.tejido.ledger.note.NoteVerifier;
import org.tejido.ledger.note.NoteVerifierKey;
import org.tejido.ledger.note.SignedNote;

/**
 * Verifies one incoming batch against what is stored for its origin, in the order the brief fixes:
 * strict parse, index and chain, the recomputed root equals the checkpoint's, the signature is the
 * enrolled key's, consistency with the last accepted checkpoint. The first failure refuses the whole
 * batch; nothing is applied before every rule has passed.
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
     * The checks that need nothing but the batch, so that they can run before the origin's log is at hand
     * (on the thread that receives the next batch while the previous one is stored). The signature is
     * checked against {@code expectedKey} when given; {@link #verify} checks it again only when the key in
     * force is another one.
     */
    public static PreparedBatch prepare(IncomingBatch batch, NoteVerifierKey expectedKey) {
        if (batch.entries().isEmpty() || batch.checkpointNote() == null || batch.checkpointNote().length == 0) {
            return shapeRefused(batch, refuse(Refusal.BATCH_MALFORMED, "a batch needs entries and a checkpoint"));
        }
        if (batch.entries().size() > MAX_ENTRIES
                || batch.checkpointNote().length > MAX_NOTE
                || batch.consistencyProof().size() > MAX_PROOF) {
            return shapeRefused(batch, refuse(Refusal.TOO_LARGE, "limits: 256 entries, 8 KiB note, 64 proof hashes"));
        }
        // 1. Strict parse of every leaf and of the content beside it.
        List<LeafV1> leaves = new ArrayList<>();
        List<byte[]> hashes = new ArrayList<>();
        List<String> scopes = new ArrayList<>();
        for (int i = 0; i < batch.entries().size(); i++) {
            IncomingEntry entry = batch.entries().get(i);
            LeafV1 leaf;
            try {
                leaf = LeafCodec.decode(entry.leaf());
            } catch (LeafFormatException e) {
                return leafRefused(
                        batch,
                        refuse(
                                Refusal.LEAF_MALFORMED,
                                "entry " + i + ": " + e.failure().code()));
            }
            Verdict.Refused content = checkContent(i, leaf, entry);
            if (content != null) {
                return leafRefused(batch, content);
            }
            leaves.add(leaf);
            hashes.add(MerkleHash.leaf(entry.leaf()));
            scopes.add(OriginLedger.keepsContent(leaf, entry) ? ShareScope.of(entry.payload()) : null);
        }
        SignedNote note = null;
        Checkpoint claimed = null;
        NoteException noteFailure = null;
        try {
            note = SignedNote.parse(batch.checkpointNote());
            claimed = Checkpoint.parse(note.text());
        } catch (NoteException e) {
            note = null;
            noteFailure = e;
        }
        String signatureKey = null;
        NoteException signatureFailure = null;
        if (note != null && expectedKey != null) {
            signatureKey = expectedKey.format();
            signatureFailure = signatureFailure(new NoteVerifier(List.of(expectedKey)), note);
        }
        return new PreparedBatch(
                batch,
                null,
                null,
                // Built here and never changed after: handed over without a copy.
                Collections.unmodifiableList(leaves),
                Collections.unmodifiableList(hashes),
                Collections.unmodifiableList(scopes),
                note,
                claimed,
                noteFailure,
                signatureKey,
                signatureFailure);
    }

    public Verdict verify(OriginLog stored, PreparedBatch prepared) {
        if (prepared.shapeRefusal() != null) {
            return prepared.shapeRefusal();
        }
        IncomingBatch batch = prepared.incoming();
        if (!stored.origin().equals(batch.origin())) {
            return refuse(Refusal.ORIGIN_MISMATCH, "batch origin differs from the enrolled origin");
        }
        if (prepared.leafRefusal() != null) {
            return prepared.leafRefusal();
        }
        List<LeafV1> leaves = prepared.leaves();

        // A resend of what is stored is a no-op; anything else below the stored size rewrites history.
        long first = leaves.get(0).index();
        if (first < stored.size()) {
            return resendOrRollback(stored, prepared, first);
        }

        // 2. Index and chain, from the stored tip.
        ChainResult chain = new LogChain(stored.origin()).check(stored.tip(), leaves, prepared.leafHashes());
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
        if (prepared.noteFailure() != null) {
            return refuse(
                    Refusal.CHECKPOINT_MALFORMED,
                    prepared.noteFailure().failure().code());
        }
        SignedNote note = prepared.note();
        Checkpoint claimed = prepared.claimed();
        CompactRange grown = stored.range().copy();
        for (byte[] hash : prepared.leafHashes()) {
            grown.append(hash);
        }
        List<byte[]> hashes = concat(stored.leafHashes(), prepared.leafHashes());
        if (!claimed.origin().equals(stored.origin())) {
            return refuse(Refusal.ORIGIN_MISMATCH, "checkpoint origin differs");
        }
        if (claimed.size() != hashes.size() || !Arrays.equals(claimed.rootHash(), grown.root())) {
            return refuse(Refusal.CHECKPOINT_MISMATCH, "checkpoint size or root differs from the recomputed tree");
        }

        // 4. Signed by the enrolled key.
        NoteException unsigned = keyText.equals(prepared.signatureKey())
                ? prepared.signatureFailure()
                : signatureFailure(enrolledKey, note);
        if (unsigned != null) {
            return refuse(Refusal.SIGNATURE_INVALID, unsigned.failure().code());
        }

        // 5. Consistent with the last accepted checkpoint (when the node sends a proof, it must hold).
        if (!batch.consistencyProof().isEmpty()) {
            if (stored.size() == 0) {
                return refuse(Refusal.BATCH_MALFORMED, "no consistency proof from an empty log");
            }
            try {
                ConsistencyVerifier.verify(
                        stored.size(), claimed.size(), batch.consistencyProof(), stored.root(), claimed.rootHash());
            } catch (ProofException e) {
                return refuse(Refusal.INCONSISTENT_CHECKPOINT, e.failure().code());
            }
        }
        return new Verdict.Accepted(
                new OriginLog(stored.origin(), hashes, grown),
                leaves,
                new String(batch.checkpointNote(), StandardCharsets.UTF_8));
    }

    private static PreparedBatch shapeRefused(IncomingBatch batch, Verdict.Refused refusal) {
        return new PreparedBatch(batch, refusal, null, List.of(), List.of(), List.of(), null, null, null, null, null);
    }

    private static PreparedBatch leafRefused(IncomingBatch batch, Verdict.Refused refusal) {
        return new PreparedBatch(batch, null, refusal, List.of(), List.of(), List.of(), null, null, null, null, null);
    }

    /** Null when {@code note} verifies under {@code verifier}. */
    private static NoteException signatureFailure(NoteVerifier verifier, SignedNote note) {
        try {
            verifier.verify(note);
            return null;
        } catch (NoteException e) {
            return e;
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

    private static Verdict.Refused checkContent(int i, LeafV1 leaf, IncomingEntry entry) {
        byte[] payload = entry.payload() == null ? new byte[0] : entry.payload();
        byte[] salt = entry.salt() == null ? new byte[0] : entry.salt();
        if (payload.length > MAX_PAYLOAD) {
            return refuse(Refusal.TOO_LARGE, "entry " + i + ": payload over 8 KiB");
        }
        if (salt.length == 0) {
            return payload.length == 0
                    ? null
                    : refuse(Refusal.BATCH_MALFORMED, "entry " + i + ": payload without salt");
        }
        if (salt.length != Commitment.SALT_SIZE) {
            return refuse(Refusal.BATCH_MALFORMED, "entry " + i + ": salt must be 32 bytes");
        }
        return Commitment.matches(leaf.commitment(), salt, payload)
                ? null
                : refuse(Refusal.COMMITMENT_MISMATCH, "entry " + i + ": commitment does not match");
    }

    /**
     * A batch below the stored size: byte-identical leaves are a resend (no-op); different leaves are a
     * rewritten history. Signed by the node's own key, that is equivocation (two validly signed,
     * inconsistent views of its log: evidence to keep); otherwise a rollback attempt.
     */
    private Verdict resendOrRollback(OriginLog stored, PreparedBatch prepared, long first) {
        List<byte[]> hashes = prepared.leafHashes();
        long last = first + hashes.size() - 1;
        if (last >= stored.size()) {
            return refuse(Refusal.CHAIN_BROKEN, "batch overlaps the stored log: resend from the stored size");
        }
        for (int i = 0; i < hashes.size(); i++) {
            byte[] storedHash = stored.leafHashes().get((int) first + i);
            if (!Arrays.equals(storedHash, hashes.get(i))) {
                String where = "entry " + i + " differs from the stored leaf " + (first + i);
                return signedByTheNode(prepared.incoming().checkpointNote())
                        ? refuse(Refusal.INCONSISTENT_CHECKPOINT, "equivocation: " + where)
                        : refuse(Refusal.ROLLBACK, where);
            }
        }
        return new Verdict.AlreadyStored(stored);
    }

    private boolean signedByTheNode(byte[] checkpointNote) {
        try {
            enrolledKey.verify(SignedNote.parse(checkpointNote));
            return true;
        } catch (NoteException e) {
            return false;
        }
    }

    private static Verdict.Refused refuse(Refusal reason, String detail) {
        return new Verdict.Refused(reason, detail);
    }
}
