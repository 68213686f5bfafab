package org.tejido.ledger.merkle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Generated proofs verify for every shape of tree, and every kind of tampering is refused with its reason. */
class MerkleTreeTest {

    private static final int MAX_SIZE = 40;

    private static List<byte[]> leaves(int n) {
        List<byte[]> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(MerkleHash.leaf(new byte[] {(byte) i, (byte) (i * 7)}));
        }
        return out;
    }

    @Test
    void everyInclusionProofVerifiesAndTamperingFails() {
        List<byte[]> all = leaves(MAX_SIZE);
        for (int size = 1; size <= MAX_SIZE; size++) {
            List<byte[]> tree = all.subList(0, size);
            byte[] root = MerkleTree.root(tree);
            for (int i = 0; i < size; i++) {
                List<byte[]> proof = MerkleTree.inclusionProof(tree, i);
                assertTrue(InclusionVerifier.isValid(i, size, tree.get(i), proof, root), size + "/" + i);
                if (size > 1) {
                    assertFalse(
                            InclusionVerifier.isValid(i, size, tree.get((i + 1) % size), proof, root),
                            "wrong leaf " + size + "/" + i);
                    if ((i ^ 1) < size) {
                        assertFalse(
                                InclusionVerifier.isValid(i ^ 1, size, tree.get(i), proof, root),
                                "sibling index " + size + "/" + i);
                    }
                }
                if (!proof.isEmpty()) {
                    assertFalse(InclusionVerifier.isValid(i, size, tree.get(i), flipFirstBit(proof), root));
                }
            }
        }
    }

    @Test
    void everyConsistencyProofVerifiesAndTamperingFails() {
        List<byte[]> all = leaves(MAX_SIZE);
        for (int size2 = 1; size2 <= MAX_SIZE; size2++) {
            byte[] root2 = MerkleTree.root(all.subList(0, size2));
            for (int size1 = 1; size1 <= size2; size1++) {
                byte[] root1 = MerkleTree.root(all.subList(0, size1));
                List<byte[]> proof = MerkleTree.consistencyProof(all.subList(0, size2), size1);
                assertTrue(ConsistencyVerifier.isValid(size1, size2, proof, root1, root2), size1 + "->" + size2);
                if (size1 != size2) {
                    assertFalse(ConsistencyVerifier.isValid(size1, size2, proof, root2, root1), "swapped roots");
                }
                if (!proof.isEmpty()) {
                    assertFalse(ConsistencyVerifier.isValid(size1, size2, flipFirstBit(proof), root1, root2));
                }
            }
        }
    }

    @Test
    void extraOrMissingProofElementsAreNamedAsSuch() throws Exception {
        List<byte[]> tree = leaves(7);
        byte[] root = MerkleTree.root(tree);
        List<byte[]> proof = MerkleTree.inclusionProof(tree, 3);
        InclusionVerifier.verify(3, 7, tree.get(3), proof, root);

        List<byte[]> extended = new ArrayList<>(proof);
        extended.add(root);
        assertFailure(ProofFailure.PROOF_TOO_LONG, () -> InclusionVerifier.verify(3, 7, tree.get(3), extended, root));
        assertFailure(
                ProofFailure.PROOF_TOO_SHORT,
                () -> InclusionVerifier.verify(3, 7, tree.get(3), proof.subList(0, proof.size() - 1), root));

        byte[] root4 = MerkleTree.root(tree.subList(0, 4));
        List<byte[]> consistency = MerkleTree.consistencyProof(tree, 3);
        byte[] root3 = MerkleTree.root(tree.subList(0, 3));
        List<byte[]> longer = new ArrayList<>(consistency);
        longer.add(root4);
        assertFailure(ProofFailure.PROOF_TOO_LONG, () -> ConsistencyVerifier.verify(3, 7, longer, root3, root));
        assertFailure(
                ProofFailure.PROOF_TOO_SHORT,
                () -> ConsistencyVerifier.verify(3, 7, consistency.subList(0, consistency.size() - 1), root3, root));
    }

    @Test
    void inputsOutsideTheRulesAreRefusedWithTheirReason() {
        List<byte[]> tree = leaves(4);
        byte[] root = MerkleTree.root(tree);
        List<byte[]> proof = MerkleTree.inclusionProof(tree, 1);
        assertFailure(ProofFailure.INDEX_OUT_OF_RANGE, () -> InclusionVerifier.verify(4, 4, tree.get(1), proof, root));
        assertFailure(ProofFailure.INDEX_OUT_OF_RANGE, () -> InclusionVerifier.verify(0, 0, tree.get(1), proof, root));
        assertFailure(ProofFailure.NEGATIVE_SIZE, () -> InclusionVerifier.verify(-1, 4, tree.get(1), proof, root));
        assertFailure(ProofFailure.HASH_LENGTH, () -> InclusionVerifier.verify(1, 4, new byte[31], proof, root));
        assertFailure(
                ProofFailure.HASH_LENGTH,
                () -> InclusionVerifier.verify(1, 4, tree.get(1), List.of(new byte[33], proof.get(1)), root));
        assertFailure(ProofFailure.HASH_LENGTH, () -> InclusionVerifier.verify(1, 4, tree.get(1), proof, new byte[0]));
        assertFailure(ProofFailure.ROOT_MISMATCH, () -> InclusionVerifier.verify(1, 4, tree.get(2), proof, root));

        assertFailure(ProofFailure.SIZES_DECREASE, () -> ConsistencyVerifier.verify(4, 3, List.of(), root, root));
        assertFailure(
                ProofFailure.EMPTY_OLD_TREE,
                () -> ConsistencyVerifier.verify(0, 4, List.of(), MerkleHash.emptyRoot(), root));
        assertFailure(ProofFailure.PROOF_TOO_LONG, () -> ConsistencyVerifier.verify(4, 4, List.of(root), root, root));
        assertFailure(
                ProofFailure.ROOT_MISMATCH,
                () -> ConsistencyVerifier.verify(4, 4, List.of(), root, MerkleHash.emptyRoot()));
    }

    @Test
    void generatorsRefuseImpossibleRequests() {
        List<byte[]> tree = leaves(3);
        assertThrows(IllegalArgumentException.class, () -> MerkleTree.inclusionProof(tree, 3));
        assertThrows(IllegalArgumentException.class, () -> MerkleTree.consistencyProof(tree, 0));
        assertThrows(IllegalArgumentException.class, () -> MerkleTree.consistencyProof(tree, 4));
        assertThrows(IllegalArgumentException.class, () -> MerkleTree.root(List.of(new byte[5])));
    }

    private static List<byte[]> flipFirstBit(List<byte[]> proof) {
        List<byte[]> out = new ArrayList<>();
        proof.forEach(p -> out.add(p.clone()));
        out.get(0)[0] ^= 1;
        return out;
    }

    private interface Verification {
        void run() throws ProofException;
    }

    private static void assertFailure(ProofFailure expected, Verification verification) {
        ProofException e = assertThrows(ProofException.class, verification::run);
        assertEquals(expected, e.failure(), e.getMessage());
    }
}
