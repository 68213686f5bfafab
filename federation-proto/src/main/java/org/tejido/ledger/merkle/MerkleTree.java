package org.tejido.ledger.merkle;

import java.util.ArrayList;
import java.util.List;

/**
 * Root hash and proof generation over a list of leaf hashes, following the recursive definitions of
 * RFC 9162 sections 2.1.1 (MTH), 2.1.3.1 (PATH) and 2.1.4.1 (PROOF / SUBPROOF).
 *
 * <p>The recursion recomputes subtree roots, O(n) per call: fine for batches and tests. A node that serves
 * proofs for millions of entries should cache subtree hashes instead; the results must be identical.
 */
public final class MerkleTree {

    private MerkleTree() {}

    /** MTH(D[n]) where the inputs are already leaf hashes (MerkleHash.leaf of each entry). */
    public static byte[] root(List<byte[]> leafHashes) {
        requireHashes(leafHashes);
        return mth(leafHashes, 0, leafHashes.size());
    }

    /** PATH(index, D[n]): the audit path of one leaf, leaf-level sibling first. */
    public static List<byte[]> inclusionProof(List<byte[]> leafHashes, int index) {
        requireHashes(leafHashes);
        if (index < 0 || index >= leafHashes.size()) {
            throw new IllegalArgumentException("index " + index + " outside tree of size " + leafHashes.size());
        }
        List<byte[]> proof = new ArrayList<>();
        path(leafHashes, index, 0, leafHashes.size(), proof);
        return proof;
    }

    /** PROOF(oldSize, D[n]) for 0 < oldSize <= n; equal sizes give the empty proof. */
    public static List<byte[]> consistencyProof(List<byte[]> leafHashes, int oldSize) {
        requireHashes(leafHashes);
        if (oldSize <= 0 || oldSize > leafHashes.size()) {
            throw new IllegalArgumentException("old size " + oldSize + " not in 1.." + leafHashes.size());
        }
        List<byte[]> proof = new ArrayList<>();
        subproof(leafHashes, oldSize, 0, leafHashes.size(), true, proof);
        return proof;
    }

    private static byte[] mth(List<byte[]> leaves, int from, int to) {
        int n = to - from;
        if (n == 0) {
            return MerkleHash.emptyRoot();
        }
        if (n == 1) {
            return leaves.get(from).clone();
        }
        int k = largestPowerOfTwoBelow(n);
        return MerkleHash.node(mth(leaves, from, from + k), mth(leaves, from + k, to));
    }

    // Appends in the order the RFC lists them: deepest sibling first, so recurse before adding ours.
    private static void path(List<byte[]> leaves, int m, int from, int to, List<byte[]> out) {
        int n = to - from;
        if (n <= 1) {
            return;
        }
        int k = largestPowerOfTwoBelow(n);
        if (m < k) {
            path(leaves, m, from, from + k, out);
            out.add(mth(leaves, from + k, to));
        } else {
            path(leaves, m - k, from + k, to, out);
            out.add(mth(leaves, from, from + k));
        }
    }

    private static void subproof(List<byte[]> leaves, int m, int from, int to, boolean complete, List<byte[]> out) {
        int n = to - from;
        if (m == n) {
            if (!complete) {
                out.add(mth(leaves, from, to));
            }
            return;
        }
        int k = largestPowerOfTwoBelow(n);
        if (m <= k) {
            subproof(leaves, m, from, from + k, complete, out);
            out.add(mth(leaves, from + k, to));
        } else {
            subproof(leaves, m - k, from + k, to, false, out);
            out.add(mth(leaves, from, from + k));
        }
    }

    /** The k of RFC 9162: the largest power of two strictly smaller than n (n >= 2). */
    static int largestPowerOfTwoBelow(int n) {
        return Integer.highestOneBit(n - 1);
    }

    private static void requireHashes(List<byte[]> leafHashes) {
        for (byte[] hash : leafHashes) {
            if (!MerkleHash.isValid(hash)) {
                throw new IllegalArgumentException("leaf hashes must be " + MerkleHash.SIZE + " bytes");
            }
        }
    }
}
