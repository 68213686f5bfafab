package org.tejido.regional.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.tejido.ledger.leaf.LeafKind;
import org.tejido.ledger.merkle.ConsistencyVerifier;
import org.tejido.ledger.merkle.MerkleTree;
import org.tejido.ledger.note.Checkpoint;
import org.tejido.ledger.note.NoteException;
import org.tejido.ledger.note.NoteSigner;

/**
 * Every way a batch can be wrong ends in a refusal with its reason, and a refusal changes nothing (the
 * stored log is immutable and only an Accepted verdict carries a new one).
 */
class BatchVerifierTest {
    static final String ORIGIN = "mx.example.org/MX/v1";

    private final TestLog node = new TestLog(ORIGIN, 1).append(12, "a");
    private final BatchVerifier verifier = new BatchVerifier(node.signer.verifierKey());

    @Test
    void aValidFirstBatchAndItsSuccessorAreAccepted() {
        Verdict first = verifier.verify(OriginLog.empty(ORIGIN), node.batch(0, 8));
        assertThat(first).isInstanceOf(Verdict.Accepted.class);
        OriginLog afterFirst = ((Verdict.Accepted) first).log();
        assertThat(afterFirst.size()).isEqualTo(8);

        Verdict next = verifier.verify(afterFirst, withProof(node.batch(8, 12), 8, 12));
        assertThat(next).isInstanceOf(Verdict.Accepted.class);
        assertThat(((Verdict.Accepted) next).log().root()).isEqualTo(MerkleTree.root(node.leafHashes));
    }

    @Test
    void aResendOfWhatIsStoredIsANoOp() {
        assertThat(verifier.verify(node.storedUpTo(8), node.batch(4, 8))).isInstanceOf(Verdict.AlreadyStored.class);
    }

    @Test
    void aForgedSignatureIsRefused() {
        byte[] note = node.checkpoint(8);
        String text = new String(note, StandardCharsets.UTF_8);
        int sig = text.lastIndexOf(' ') + 1;
        char flipped = text.charAt(sig + 10) == 'A' ? 'B' : 'A';
        byte[] forged =
                (text.substring(0, sig + 10) + flipped + text.substring(sig + 11)).getBytes(StandardCharsets.UTF_8);
        assertRefused(OriginLog.empty(ORIGIN), with(node.batch(0, 8), forged), Refusal.SIGNATURE_INVALID);
    }

    @Test
    void aSignatureByAnotherKeyIsRefused() {
        TestLog impostor = new TestLog(ORIGIN, 2);
        assertRefused(
                OriginLog.empty(ORIGIN),
                with(node.batch(0, 8), node.checkpoint(8, impostor.signer)),
                Refusal.SIGNATURE_INVALID);
    }

    @Test
    void aBatchPreparedOnArrivalIsAcceptedWithTheSameTree() {
        Verdict first = verifier.verify(
                OriginLog.empty(ORIGIN), BatchVerifier.prepare(node.batch(0, 8), node.signer.verifierKey()));
        assertThat(first).isInstanceOf(Verdict.Accepted.class);
        Verdict next = verifier.verify(
                ((Verdict.Accepted) first).log(),
                BatchVerifier.prepare(withProof(node.batch(8, 12), 8, 12), node.signer.verifierKey()));
        assertThat(next).isInstanceOf(Verdict.Accepted.class);
        assertThat(((Verdict.Accepted) next).log().root()).isEqualTo(MerkleTree.root(node.leafHashes));
    }

    @Test
    void theScopeOfEachShareKeptIsReadOnArrivalAndARetractionHasNone() {
        TestLog log = new TestLog(ORIGIN, 1)
                .append(2, "case")
                .append(1, "stats", LeafKind.AMENDED, 7)
                .retract(7);

        PreparedBatch prepared = BatchVerifier.prepare(log.batch(0, 4), log.signer.verifierKey());

        assertThat(prepared).isInstanceOf(PreparedBatch.Ready.class);
        assertThat(((PreparedBatch.Ready) prepared).scopes()).containsExactly("case", "case", "statistics", null);
    }

    @Test
    void aSignatureCheckedOnArrivalUnderAnotherKeyIsCheckedAgainUnderTheKeyInForce() {
        // The impostor's signature verifies under the impostor's key, which is not the key in force.
        TestLog impostor = new TestLog(ORIGIN, 2);
        IncomingBatch signedByImpostor = with(node.batch(0, 8), node.checkpoint(8, impostor.signer));
        PreparedBatch prepared = BatchVerifier.prepare(signedByImpostor, impostor.signer.verifierKey());
        assertThat(((PreparedBatch.Ready) prepared).signature())
                .isEqualTo(new PreparedBatch.SignatureCheck.Valid(
                        impostor.signer.verifierKey().format()));

        Verdict verdict = verifier.verify(OriginLog.empty(ORIGIN), prepared);

        assertThat(verdict).isInstanceOf(Verdict.Refused.class);
        assertThat(((Verdict.Refused) verdict).reason()).isEqualTo(Refusal.SIGNATURE_INVALID);
    }

    @Test
    void aSignatureThatIsNot64BytesIsRefused() {
        String text = new String(node.checkpoint(8), StandardCharsets.UTF_8);
        int sig = text.lastIndexOf(' ') + 1;
        byte[] decoded =
                java.util.Base64.getDecoder().decode(text.substring(sig).strip());
        byte[] shortened = java.util.Arrays.copyOf(decoded, decoded.length - 1);
        byte[] note = (text.substring(0, sig) + java.util.Base64.getEncoder().encodeToString(shortened) + "\n")
                .getBytes(StandardCharsets.UTF_8);
        Verdict verdict = verifier.verify(OriginLog.empty(ORIGIN), with(node.batch(0, 8), note));
        assertThat(verdict).isInstanceOf(Verdict.Refused.class);
        assertThat(((Verdict.Refused) verdict).reason()).isIn(Refusal.SIGNATURE_INVALID, Refusal.CHECKPOINT_MALFORMED);
    }

    @Test
    void aRewrittenHistorySignedByTheNodeForTheHeldSizeIsEquivocationWithEvidence() {
        TestLog fork = new TestLog(ORIGIN, 1).append(8, "b");
        Verdict.Forked forked = assertForked(node.storedUpTo(8), fork.batch(4, 8));
        assertThat(forked.conflictingSize()).isEqualTo(8);
        assertThat(forked.consistencyProof()).isEmpty();
    }

    @Test
    void aSignedCheckpointOfTheHeldSizeWithAnotherRootAndOnlyStoredLeavesIsEquivocation() {
        byte[] otherRoot = MerkleTree.root(new TestLog(ORIGIN, 1).append(8, "b").leafHashes);
        IncomingBatch resend = with(node.batch(4, 8), signed(8, otherRoot, node));
        Verdict.Forked forked = assertForked(node.storedUpTo(8), resend);
        assertThat(forked.heldRoot()).isEqualTo(MerkleTree.root(node.leafHashes.subList(0, 8)));
    }

    @Test
    void aSignedCheckpointOfAnOlderHeldSizeWithAnotherRootIsEquivocationProvenAgainstTheLastAccepted()
            throws Exception {
        byte[] otherRoot = MerkleTree.root(new TestLog(ORIGIN, 1).append(6, "b").leafHashes);
        IncomingBatch resend = with(node.batch(4, 6), signed(6, otherRoot, node));
        Verdict.Forked forked = assertForked(node.storedUpTo(12), resend);
        assertThat(forked.conflictingSize()).isEqualTo(6);
        // Anyone can check the evidence: the held root at 6 leads to the accepted root at 12, and differs.
        ConsistencyVerifier.verify(
                6, 12, forked.consistencyProof(), forked.heldRoot(), MerkleTree.root(node.leafHashes));
        assertThat(forked.heldRoot()).isNotEqualTo(otherRoot);
    }

    @Test
    void aResendIsCheckedAgainstTheHeldTreeAndTheKeyInForce() {
        byte[] otherRoot = MerkleTree.root(new TestLog(ORIGIN, 1).append(8, "b").leafHashes);
        TestLog impostor = new TestLog(ORIGIN, 2);
        // Another root, not signed by the node: no evidence of anything, only a wrong checkpoint.
        assertRefused(
                node.storedUpTo(8),
                with(node.batch(4, 8), signed(8, otherRoot, impostor)),
                Refusal.CHECKPOINT_MISMATCH);
        // The held root, signed by another key.
        assertRefused(
                node.storedUpTo(8),
                with(node.batch(4, 8), node.checkpoint(8, impostor.signer)),
                Refusal.SIGNATURE_INVALID);
        // The held root at another size than the batch's end.
        assertRefused(node.storedUpTo(8), with(node.batch(4, 6), node.checkpoint(8)), Refusal.CHECKPOINT_MISMATCH);
    }

    @Test
    void aBatchOfAnotherOriginRelabelledIsAnOriginMismatchBeforeAnyComparisonWithTheStoredLog() {
        TestLog elsewhere = new TestLog("gt.example.org/GT/v1", 1).append(8, "a");
        IncomingBatch relabelled =
                new IncomingBatch(ORIGIN, elsewhere.entries.subList(4, 8), node.checkpoint(8), List.of());
        assertRefused(node.storedUpTo(8), relabelled, Refusal.ORIGIN_MISMATCH);
    }

    @Test
    void aMalformedConsistencyProofIsMalformedAndAccusesNobody() {
        IncomingBatch proven = withProof(node.batch(8, 12), 8, 12);
        List<byte[]> shortElement = new ArrayList<>(proven.consistencyProof());
        shortElement.set(0, java.util.Arrays.copyOf(shortElement.get(0), 31));
        assertRefused(node.storedUpTo(8), withProofElements(proven, shortElement), Refusal.BATCH_MALFORMED);

        List<byte[]> tooLong = new ArrayList<>(proven.consistencyProof());
        tooLong.add(tooLong.get(0));
        assertRefused(node.storedUpTo(8), withProofElements(proven, tooLong), Refusal.INCONSISTENT_CHECKPOINT);

        assertRefused(OriginLog.empty(ORIGIN), withProofElements(node.batch(0, 8), tooLong), Refusal.BATCH_MALFORMED);
    }

    @Test
    void aCheckpointWithExtensionLinesIsRefusedAndTheCanonicalFormIsAccepted() throws Exception {
        Checkpoint plain = new Checkpoint(ORIGIN, 8, MerkleTree.root(node.leafHashes.subList(0, 8)));
        Checkpoint extended = new Checkpoint(plain.origin(), plain.size(), plain.rootHash(), List.of("extra claim"));
        byte[] extendedNote =
                NoteSigner.signNote(extended.toText(), List.of(node.signer)).toBytes();
        assertRefused(OriginLog.empty(ORIGIN), with(node.batch(0, 8), extendedNote), Refusal.CHECKPOINT_MALFORMED);
        byte[] plainNote =
                NoteSigner.signNote(plain.toText(), List.of(node.signer)).toBytes();
        assertThat(verifier.verify(OriginLog.empty(ORIGIN), with(node.batch(0, 8), plainNote)))
                .isInstanceOf(Verdict.Accepted.class);
    }

    @Test
    void aRewrittenHistoryNotSignedByTheNodeIsARollback() {
        TestLog other = new TestLog(ORIGIN, 3).append(8, "c");
        assertRefused(node.storedUpTo(8), other.batch(2, 6), Refusal.ROLLBACK);
    }

    @Test
    void reorderedDuplicatedOrMissingEntriesBreakTheChain() {
        List<IncomingEntry> reordered = new ArrayList<>(node.entries.subList(0, 8));
        Collections.swap(reordered, 2, 3);
        assertRefused(OriginLog.empty(ORIGIN), entries(reordered, 8), Refusal.CHAIN_BROKEN);

        List<IncomingEntry> duplicated = new ArrayList<>(node.entries.subList(0, 8));
        duplicated.set(5, duplicated.get(4));
        assertRefused(OriginLog.empty(ORIGIN), entries(duplicated, 8), Refusal.CHAIN_BROKEN);

        List<IncomingEntry> missing = new ArrayList<>(node.entries.subList(0, 8));
        missing.remove(6);
        assertRefused(OriginLog.empty(ORIGIN), entries(missing, 8), Refusal.CHAIN_BROKEN);

        // Starting past the stored size: a gap.
        assertRefused(node.storedUpTo(4), node.batch(6, 8), Refusal.CHAIN_BROKEN);
    }

    @Test
    void anEntryOfAnotherOriginIsRefused() {
        TestLog elsewhere = new TestLog("gt.example.org/GT/v1", 1).append(8, "a");
        List<IncomingEntry> mixed = new ArrayList<>(node.entries.subList(0, 8));
        mixed.set(7, elsewhere.entries.get(7));
        assertRefused(OriginLog.empty(ORIGIN), entries(mixed, 8), Refusal.ORIGIN_MISMATCH);
        assertRefused(
                OriginLog.empty(ORIGIN),
                new IncomingBatch("gt.example.org/GT/v1", node.entries.subList(0, 8), node.checkpoint(8), List.of()),
                Refusal.ORIGIN_MISMATCH);
    }

    @Test
    void randomBytesAsALeafAreRefused() {
        byte[] garbage = new byte[150];
        new Random(42).nextBytes(garbage);
        List<IncomingEntry> batch = new ArrayList<>(node.entries.subList(0, 8));
        batch.set(3, new IncomingEntry(garbage, new byte[0], new byte[0]));
        assertRefused(OriginLog.empty(ORIGIN), entries(batch, 8), Refusal.LEAF_MALFORMED);
    }

    @Test
    void aTamperedPayloadDoesNotMatchItsCommitment() {
        List<IncomingEntry> batch = new ArrayList<>(node.entries.subList(0, 8));
        IncomingEntry e = batch.get(2);
        batch.set(2, new IncomingEntry(e.leaf(), "{\"share\":\"other\"}".getBytes(StandardCharsets.UTF_8), e.salt()));
        assertRefused(OriginLog.empty(ORIGIN), entries(batch, 8), Refusal.COMMITMENT_MISMATCH);
    }

    @Test
    void aCheckpointThatDoesNotCommitToTheTreeIsRefused() {
        assertRefused(OriginLog.empty(ORIGIN), with(node.batch(0, 8), node.checkpoint(7)), Refusal.CHECKPOINT_MISMATCH);
    }

    @Test
    void aConsistencyProofThatDoesNotVerifyIsRefused() {
        IncomingBatch proven = withProof(node.batch(8, 12), 8, 12);
        List<byte[]> broken = new ArrayList<>(proven.consistencyProof());
        byte[] first = broken.get(0).clone();
        first[0] ^= 1;
        broken.set(0, first);
        IncomingBatch tampered = new IncomingBatch(ORIGIN, proven.entries(), proven.checkpointNote(), broken);
        assertRefused(node.storedUpTo(8), tampered, Refusal.INCONSISTENT_CHECKPOINT);
    }

    @Test
    void oversizedBatchesAndEmptyOnesAreRefused() {
        TestLog big = new TestLog(ORIGIN, 1).append(BatchVerifier.MAX_ENTRIES + 1, "x");
        assertRefused(OriginLog.empty(ORIGIN), big.batch(0, BatchVerifier.MAX_ENTRIES + 1), Refusal.TOO_LARGE);
        assertRefused(
                OriginLog.empty(ORIGIN),
                new IncomingBatch(ORIGIN, List.of(), node.checkpoint(1), List.of()),
                Refusal.BATCH_MALFORMED);
    }

    /** Refused for that reason, whether checked all at once or prepared on arrival with the key in force. */
    private void assertRefused(OriginLog stored, IncomingBatch batch, Refusal reason) {
        List<byte[]> before = new ArrayList<>(stored.leafHashes());
        for (Verdict verdict : List.of(
                verifier.verify(stored, batch),
                verifier.verify(stored, BatchVerifier.prepare(batch, node.signer.verifierKey())))) {
            assertThat(verdict).isInstanceOf(Verdict.Refused.class);
            assertThat(((Verdict.Refused) verdict).reason())
                    .as(((Verdict.Refused) verdict).detail())
                    .isEqualTo(reason);
        }
        assertThat(stored.leafHashes()).containsExactlyElementsOf(before);
    }

    private Verdict.Forked assertForked(OriginLog stored, IncomingBatch batch) {
        Verdict.Forked forked = null;
        for (Verdict verdict : List.of(
                verifier.verify(stored, batch),
                verifier.verify(stored, BatchVerifier.prepare(batch, node.signer.verifierKey())))) {
            assertThat(verdict).isInstanceOf(Verdict.Forked.class);
            forked = (Verdict.Forked) verdict;
            assertThat(forked.reason()).isEqualTo(Refusal.EQUIVOCATION);
            assertThat(forked.conflictingNote()).isEqualTo(new String(batch.checkpointNote(), StandardCharsets.UTF_8));
        }
        return forked;
    }

    private static byte[] signed(int size, byte[] root, TestLog by) {
        try {
            return NoteSigner.signNote(new Checkpoint(ORIGIN, size, root).toText(), List.of(by.signer))
                    .toBytes();
        } catch (NoteException e) {
            throw new IllegalStateException(e);
        }
    }

    private static IncomingBatch withProofElements(IncomingBatch batch, List<byte[]> proof) {
        return new IncomingBatch(batch.origin(), batch.entries(), batch.checkpointNote(), proof);
    }

    private IncomingBatch withProof(IncomingBatch batch, int oldSize, int newSize) {
        return new IncomingBatch(
                batch.origin(),
                batch.entries(),
                batch.checkpointNote(),
                MerkleTree.consistencyProof(node.leafHashes.subList(0, newSize), oldSize));
    }

    private static IncomingBatch with(IncomingBatch batch, byte[] note) {
        return new IncomingBatch(batch.origin(), batch.entries(), note, batch.consistencyProof());
    }

    private IncomingBatch entries(List<IncomingEntry> entries, int checkpointSize) {
        return new IncomingBatch(ORIGIN, entries, node.checkpoint(checkpointSize), List.of());
    }
}
