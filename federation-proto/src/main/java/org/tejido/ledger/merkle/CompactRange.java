package org.tejido.ledger.merkle;

import java.util.ArrayList;
import java.util.List;

/**
 * The RFC 6962 tree of a growing log kept as its perfect subtrees' roots, largest first (at most one
 * per bit of the size): appending a leaf and computing the root cost O(log n) instead of rehashing every
 * leaf. Its roots are, by construction, those of {@link MerkleTree#root}: MTH splits at the largest power
 * of two below n, which is exactly this decomposition, folded from the right.
 */
public final class CompactRange {
    private final List<byte[]> subtrees;
    private long size;

    public CompactRange() {
        this(new ArrayList<>(), 0);
    }

    private CompactRange(List<byte[]> subtrees, long size) {
        this.subtrees = subtrees;
        this.size = size;
    }

    public static CompactRange of(List<byte[]> leafHashes) {
        CompactRange range = new CompactRange();
        leafHashes.forEach(range::append);
        return range;
    }

    public long size() {
        return size;
    }

    /** Appends one leaf hash (MerkleHash.leaf of the entry). */
    public void append(byte[] leafHash) {
        if (leafHash == null || leafHash.length != MerkleHash.SIZE) {
            throw new IllegalArgumentException("a leaf hash is " + MerkleHash.SIZE + " bytes");
        }
        byte[] hash = leafHash.clone();
        // Each trailing 1 bit of the old size is a perfect subtree of the same height to merge with.
        for (long s = size; (s & 1) == 1; s >>= 1) {
            hash = MerkleHash.node(subtrees.remove(subtrees.size() - 1), hash);
        }
        subtrees.add(hash);
        size++;
    }

    /** MTH of the leaves appended so far. */
    public byte[] root() {
        if (size == 0) {
            return MerkleHash.emptyRoot();
        }
        byte[] hash = subtrees.get(subtrees.size() - 1);
        for (int i = subtrees.size() - 2; i >= 0; i--) {
            hash = MerkleHash.node(subtrees.get(i), hash);
        }
        return hash.clone();
    }

    @Override
    public boolean equals(Object other) {
        if (!(other instanceof CompactRange range) || range.size != size) {
            return false;
        }
        for (int i = 0; i < subtrees.size(); i++) {
            if (!java.util.Arrays.equals(subtrees.get(i), range.subtrees.get(i))) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(size) * 31 + (subtrees.isEmpty() ? 0 : java.util.Arrays.hashCode(subtrees.get(0)));
    }

    /** An independent copy, to try a batch on without changing this one. */
    public CompactRange copy() {
        return new CompactRange(new ArrayList<>(subtrees), size);
    }
}
