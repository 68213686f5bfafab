package org.tejido.ledger.merkle;

import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;

/** Consistency proof verification, RFC 9162 section 2.1.4.2, with every hash required to be 32 bytes. */
public final class ConsistencyVerifier {

    private ConsistencyVerifier() {}

    public static boolean isValid(long size1, long size2, List<byte[]> proof, byte[] root1, byte[] root2) {
        try {
            verify(size1, size2, proof, root1, root2);
            return true;
        } catch (ProofException e) {
            return false;
        }
    }

    /**
     * Checks that the tree of size2 with root2 extends the tree of size1 with root1.
     *
     * <p>size1 = 0 is refused: every tree "extends" the empty tree, so such a proof says nothing, and a caller
     * that thinks it checked something has been misled. Trusting a log's first checkpoint is the caller's
     * explicit decision, not a side effect of this method.
     */
    public static void verify(long size1, long size2, List<byte[]> proof, byte[] root1, byte[] root2)
            throws ProofException {
        ProofChecks.requireHash(root1, "first root");
        ProofChecks.requireHash(root2, "second root");
        ProofChecks.requireHashes(proof);
        if (size1 < 0 || size2 < 0) {
            throw new ProofException(ProofFailure.NEGATIVE_SIZE, "sizes must be non-negative");
        }
        if (size2 < size1) {
            throw new ProofException(ProofFailure.SIZES_DECREASE, "size2 " + size2 + " < size1 " + size1);
        }
        if (size1 == 0) {
            throw new ProofException(ProofFailure.EMPTY_OLD_TREE, "a proof from the empty tree proves nothing");
        }
        if (size1 == size2) {
            if (!proof.isEmpty()) {
                throw new ProofException(ProofFailure.PROOF_TOO_LONG, "equal sizes need an empty proof");
            }
            requireEqual(root1, root2, "roots of equal-size trees differ");
            return;
        }
        if (proof.isEmpty()) {
            throw new ProofException(ProofFailure.PROOF_TOO_SHORT, "proof is empty but sizes differ");
        }
        walk(size1, size2, proof, root1, root2);
    }

    private static void walk(long size1, long size2, List<byte[]> proof, byte[] root1, byte[] root2)
            throws ProofException {
        List<byte[]> path = new ArrayList<>(proof.size() + 1);
        if (Long.bitCount(size1) == 1) {
            // The old tree is a complete subtree of the new one, so its root is the path's starting node.
            path.add(root1);
        }
        path.addAll(proof);
        long fn = size1 - 1;
        long sn = size2 - 1;
        while ((fn & 1) == 1) {
            fn >>= 1;
            sn >>= 1;
        }
        byte[] fr = path.get(0);
        byte[] sr = path.get(0);
        for (byte[] c : path.subList(1, path.size())) {
            if (sn == 0) {
                throw new ProofException(ProofFailure.PROOF_TOO_LONG, "proof has more elements than needed");
            }
            if ((fn & 1) == 1 || fn == sn) {
                fr = MerkleHash.node(c, fr);
                sr = MerkleHash.node(c, sr);
                while ((fn & 1) == 0 && fn != 0) {
                    fn >>= 1;
                    sn >>= 1;
                }
            } else {
                sr = MerkleHash.node(sr, c);
            }
            fn >>= 1;
            sn >>= 1;
        }
        if (sn != 0) {
            throw new ProofException(ProofFailure.PROOF_TOO_SHORT, "proof ended before reaching the new root");
        }
        requireEqual(fr, root1, "proof does not lead to the first root");
        requireEqual(sr, root2, "proof does not lead to the second root");
    }

    private static void requireEqual(byte[] computed, byte[] expected, String detail) throws ProofException {
        if (!MessageDigest.isEqual(computed, expected)) {
            throw new ProofException(ProofFailure.ROOT_MISMATCH, detail);
        }
    }
}
