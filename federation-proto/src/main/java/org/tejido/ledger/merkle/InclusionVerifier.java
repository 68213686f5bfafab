package org.tejido.ledger.merkle;

import java.security.MessageDigest;
import java.util.List;

/** Inclusion proof verification, RFC 9162 section 2.1.3.2, with every hash required to be 32 bytes. */
public final class InclusionVerifier {

    private InclusionVerifier() {}

    public static boolean isValid(long index, long treeSize, byte[] leafHash, List<byte[]> proof, byte[] root) {
        try {
            verify(index, treeSize, leafHash, proof, root);
            return true;
        } catch (ProofException e) {
            return false;
        }
    }

    /**
     * @throws ProofException naming the first rule broken; a proof with missing or extra elements is refused
     *     as such rather than merely failing the root comparison.
     */
    public static void verify(long index, long treeSize, byte[] leafHash, List<byte[]> proof, byte[] root)
            throws ProofException {
        ProofChecks.requireHash(leafHash, "leaf hash");
        ProofChecks.requireHash(root, "root");
        ProofChecks.requireHashes(proof);
        if (index < 0 || treeSize < 0) {
            throw new ProofException(ProofFailure.NEGATIVE_SIZE, "index and size must be non-negative");
        }
        if (index >= treeSize) {
            throw new ProofException(
                    ProofFailure.INDEX_OUT_OF_RANGE, "index " + index + " is not below tree size " + treeSize);
        }
        byte[] computed = rootFromPath(index, treeSize, leafHash, proof);
        if (!MessageDigest.isEqual(computed, root)) {
            throw new ProofException(ProofFailure.ROOT_MISMATCH, "computed root differs from the expected root");
        }
    }

    static byte[] rootFromPath(long index, long treeSize, byte[] leafHash, List<byte[]> proof) throws ProofException {
        long fn = index;
        long sn = treeSize - 1;
        byte[] r = leafHash;
        for (byte[] p : proof) {
            if (sn == 0) {
                throw new ProofException(ProofFailure.PROOF_TOO_LONG, "proof has more elements than the tree height");
            }
            if ((fn & 1) == 1 || fn == sn) {
                r = MerkleHash.node(p, r);
                while ((fn & 1) == 0 && fn != 0) {
                    fn >>= 1;
                    sn >>= 1;
                }
            } else {
                r = MerkleHash.node(r, p);
            }
            fn >>= 1;
            sn >>= 1;
        }
        if (sn != 0) {
            throw new ProofException(ProofFailure.PROOF_TOO_SHORT, "proof ended before reaching the root");
        }
        return r;
    }
}
