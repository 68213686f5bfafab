package org.tejido.ledger.leaf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.tejido.ledger.merkle.MerkleHash;

class LogChainTest {

    private static final LogChain CHAIN = new LogChain(TestLeaves.ORIGIN);
    private static final List<byte[]> LEAVES = TestLeaves.chain(TestLeaves.ORIGIN, 6);

    @Test
    void wholeChainIsAcceptedFromEmpty() {
        ChainResult.Accepted ok = accepted(CHAIN.check(ChainTip.empty(), LEAVES));
        assertEquals(6, ok.tip().size());
        assertEquals(
                Arrays.toString(MerkleHash.leaf(LEAVES.get(5))),
                Arrays.toString(ok.tip().lastLeafHash()));
        assertEquals(6, ok.leaves().size());
    }

    @Test
    void batchesContinueFromTheTip() {
        ChainTip tip =
                accepted(CHAIN.check(ChainTip.empty(), LEAVES.subList(0, 2))).tip();
        ChainTip end = accepted(CHAIN.check(tip, LEAVES.subList(2, 6))).tip();
        assertEquals(accepted(CHAIN.check(ChainTip.empty(), LEAVES)).tip(), end);
    }

    @Test
    void decodedLeavesWithTheirHashesGetTheSameAnswersAsEncodedLeaves() throws Exception {
        List<List<byte[]>> batches = List.of(
                LEAVES,
                LEAVES.subList(1, 3),
                List.of(LEAVES.get(0), LEAVES.get(2), LEAVES.get(1)),
                List.of(LEAVES.get(0), LEAVES.get(0)),
                TestLeaves.chain("other.example.org/CO/v1", 2));
        for (List<byte[]> batch : batches) {
            List<LeafV1> decoded = new ArrayList<>();
            List<byte[]> hashes = new ArrayList<>();
            for (byte[] leaf : batch) {
                decoded.add(LeafCodec.decode(leaf));
                hashes.add(MerkleHash.leaf(leaf));
            }
            ChainResult encoded = CHAIN.check(ChainTip.empty(), batch);
            ChainResult fromDecoded = CHAIN.check(ChainTip.empty(), decoded, hashes);
            if (encoded instanceof ChainResult.Rejected rejected) {
                ChainResult.Rejected same = assertInstanceOf(ChainResult.Rejected.class, fromDecoded);
                assertEquals(rejected.error(), same.error());
                assertEquals(rejected.position(), same.position());
            } else {
                assertEquals(accepted(encoded).tip(), accepted(fromDecoded).tip());
            }
        }
    }

    @Test
    void emptyBatchChangesNothing() {
        ChainTip tip =
                accepted(CHAIN.check(ChainTip.empty(), LEAVES.subList(0, 3))).tip();
        assertEquals(tip, accepted(CHAIN.check(tip, List.of())).tip());
    }

    @Test
    void wrongIndexIsAGap() {
        assertRejected(ChainError.INDEX_GAP, 0, CHAIN.check(ChainTip.empty(), LEAVES.subList(1, 3)));
    }

    @Test
    void missingLeafIsAGap() {
        List<byte[]> batch = List.of(LEAVES.get(0), LEAVES.get(1), LEAVES.get(3));
        assertRejected(ChainError.INDEX_GAP, 2, CHAIN.check(ChainTip.empty(), batch));
    }

    @Test
    void reorderedBatchIsRefused() {
        List<byte[]> batch = List.of(LEAVES.get(0), LEAVES.get(2), LEAVES.get(1));
        assertRejected(ChainError.INDEX_GAP, 1, CHAIN.check(ChainTip.empty(), batch));
    }

    @Test
    void duplicateWithinBatchIsRefused() {
        List<byte[]> batch = List.of(LEAVES.get(0), LEAVES.get(1), LEAVES.get(1));
        assertRejected(ChainError.INDEX_ALREADY_USED, 2, CHAIN.check(ChainTip.empty(), batch));
    }

    @Test
    void replayOfAcceptedLeafIsRefused() {
        ChainTip tip =
                accepted(CHAIN.check(ChainTip.empty(), LEAVES.subList(0, 3))).tip();
        assertRejected(ChainError.INDEX_ALREADY_USED, 0, CHAIN.check(tip, LEAVES.subList(2, 4)));
    }

    @Test
    void wrongPreviousHashIsRefused() {
        LeafV1 forged = TestLeaves.leaf(TestLeaves.ORIGIN, 1, MerkleHash.leaf(new byte[] {42}), LeafKind.AMENDED);
        List<byte[]> batch = List.of(LEAVES.get(0), LeafCodec.encode(forged));
        assertRejected(ChainError.PREVIOUS_HASH_MISMATCH, 1, CHAIN.check(ChainTip.empty(), batch));
    }

    @Test
    void rewrittenHistoryBreaksTheChainAtTheNextLeaf() throws Exception {
        LeafV1 original = LeafCodec.decode(LEAVES.get(1));
        LeafV1 edited = new LeafV1(
                original.origin(),
                1,
                original.previousLeafHash(),
                original.entryId(),
                LeafKind.ERASURE_DONE,
                original.targetId(),
                original.epochDay(),
                original.commitment());
        List<byte[]> batch = List.of(LEAVES.get(0), LeafCodec.encode(edited), LEAVES.get(2));
        assertRejected(ChainError.PREVIOUS_HASH_MISMATCH, 2, CHAIN.check(ChainTip.empty(), batch));
    }

    @Test
    void tipFromAnotherHistoryIsRefused() {
        ChainTip wrongTip = new ChainTip(2, MerkleHash.leaf(new byte[] {1}));
        assertRejected(ChainError.PREVIOUS_HASH_MISMATCH, 0, CHAIN.check(wrongTip, LEAVES.subList(2, 3)));
    }

    @Test
    void leafOfAnotherOriginIsRefused() {
        List<byte[]> guatemala = TestLeaves.chain("gt.example.org/GT/v1", 2);
        assertRejected(ChainError.WRONG_ORIGIN, 0, CHAIN.check(ChainTip.empty(), guatemala));
        List<byte[]> mixed = List.of(LEAVES.get(0), guatemala.get(1));
        assertRejected(ChainError.WRONG_ORIGIN, 1, CHAIN.check(ChainTip.empty(), mixed));
    }

    @Test
    void malformedLeafIsRefusedWithItsReason() {
        List<byte[]> batch = new ArrayList<>(LEAVES.subList(0, 2));
        batch.set(1, Arrays.copyOf(batch.get(1), batch.get(1).length - 1));
        ChainResult.Rejected rejected =
                assertRejected(ChainError.MALFORMED_LEAF, 1, CHAIN.check(ChainTip.empty(), batch));
        assertEquals(true, rejected.detail().startsWith(LeafFormatFailure.TRUNCATED.code()), rejected.detail());
    }

    @Test
    void errorCodesAreStableAndDistinct() {
        Set<String> codes = new HashSet<>();
        Stream.of(ChainError.values()).forEach(e -> codes.add(e.code()));
        Stream.of(LeafFormatFailure.values()).forEach(e -> codes.add(e.code()));
        assertEquals(ChainError.values().length + LeafFormatFailure.values().length, codes.size());
        assertEquals("chain.previous_hash_mismatch", ChainError.PREVIOUS_HASH_MISMATCH.code());
        codes.forEach(c -> assertEquals(true, c.matches("[a-z]+\\.[a-z_0-9]+"), c));
    }

    private static ChainResult.Accepted accepted(ChainResult result) {
        return assertInstanceOf(ChainResult.Accepted.class, result, result.toString());
    }

    private static ChainResult.Rejected assertRejected(ChainError error, int position, ChainResult result) {
        ChainResult.Rejected rejected = assertInstanceOf(ChainResult.Rejected.class, result);
        assertEquals(error, rejected.error(), rejected.detail());
        assertEquals(position, rejected.position(), rejected.detail());
        return rejected;
    }
}
