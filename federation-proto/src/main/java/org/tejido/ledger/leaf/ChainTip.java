package org.tejido.ledger.leaf;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * Where an accepted log currently ends: how many leaves it holds and the leaf hash of the last one (32 zero
 * bytes for an empty log, which is exactly what leaf 0 must carry as its previous leaf hash).
 */
public record ChainTip(long size, byte[] lastLeafHash) {

    public ChainTip {
        if (size < 0) {
            throw new IllegalArgumentException("size must be non-negative");
        }
        if (lastLeafHash == null || lastLeafHash.length != LeafV1.HASH_SIZE) {
            throw new IllegalArgumentException("last leaf hash must be " + LeafV1.HASH_SIZE + " bytes");
        }
        lastLeafHash = lastLeafHash.clone();
        if (size == 0 && !Arrays.equals(lastLeafHash, new byte[LeafV1.HASH_SIZE])) {
            throw new IllegalArgumentException("an empty log has the all-zero last leaf hash");
        }
    }

    public static ChainTip empty() {
        return new ChainTip(0, new byte[LeafV1.HASH_SIZE]);
    }

    /** Index the next leaf must carry. */
    public long nextIndex() {
        return size;
    }

    @Override
    public byte[] lastLeafHash() {
        return lastLeafHash.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ChainTip other && size == other.size && Arrays.equals(lastLeafHash, other.lastLeafHash);
    }

    @Override
    public int hashCode() {
        return 31 * Long.hashCode(size) + Arrays.hashCode(lastLeafHash);
    }

    @Override
    public String toString() {
        return "ChainTip[size=" + size + ", lastLeafHash=" + HexFormat.of().formatHex(lastLeafHash) + "]";
    }
}
