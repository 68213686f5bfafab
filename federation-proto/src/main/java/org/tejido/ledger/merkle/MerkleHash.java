package org.tejido.ledger.merkle;

import org.tejido.ledger.Sha256;

/**
 * RFC 6962 / RFC 9162 hashing: distinct prefixes for leaves and interior nodes so that a leaf can never be
 * passed off as an interior node (second-preimage protection).
 */
public final class MerkleHash {

    /** The only hash length this package accepts anywhere, see {@link #isValid(byte[])}. */
    public static final int SIZE = Sha256.SIZE;

    private static final byte[] LEAF_PREFIX = {0x00};
    private static final byte[] NODE_PREFIX = {0x01};

    private MerkleHash() {}

    /** MTH({}) = SHA-256() . */
    public static byte[] emptyRoot() {
        return Sha256.of();
    }

    /** MTH({d}) = SHA-256(0x00 || d). */
    public static byte[] leaf(byte[] leafData) {
        return Sha256.of(LEAF_PREFIX, leafData);
    }

    /** SHA-256(0x01 || left || right). */
    public static byte[] node(byte[] left, byte[] right) {
        return Sha256.of(NODE_PREFIX, left, right);
    }

    /**
     * Our policy: a hash is exactly 32 bytes. Upstream Go verifiers compare whatever bytes they are given, which
     * lets a 12-byte placeholder "root" verify; we refuse that so a truncated field can never pass as a root.
     */
    public static boolean isValid(byte[] hash) {
        return hash != null && hash.length == SIZE;
    }
}
