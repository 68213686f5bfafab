package org.tejido.ledger.tiles;

import java.util.ArrayList;
import java.util.List;
import org.tejido.ledger.merkle.MerkleHash;

/**
 * One log's Merkle tree read through its tiles: tile hashes, the hash of any subtree of RFC 9162's recursion,
 * roots, inclusion and consistency proofs. Every hash is computed from at most 256 hashes of one level, so
 * a proof costs O(log n) small reads; hashes of complete subtrees of 256^L leaves (L >= 1) are computed once
 * from the level below and kept in a {@link LevelCache}.
 *
 * <p>The caller bounds sizes and indices by the log's latest checkpoint: this class trusts that the leaves it
 * asks for exist.
 */
public final class TreeHashes {
    private static final int TILE_HEIGHT = 8;

    private final String log;
    private final LeafHashes leaves;
    private final LevelCache cache;

    public TreeHashes(String log, LeafHashes leaves, LevelCache cache) {
        this.log = log;
        this.leaves = leaves;
        this.cache = cache;
    }

    /** The hashes a tile holds: at level L, hash i is MTH of the i-th complete subtree of 256^L leaves. */
    public List<byte[]> tile(TileAddress tile) {
        if (tile.entries()) {
            throw new IllegalArgumentException("an entry bundle holds entries, not hashes");
        }
        long first = tile.index() * TileAddress.FULL;
        return level(tile.level(), first, first + tile.width());
    }

    /** MTH(D[0:size]). */
    public byte[] root(long size) {
        return size == 0 ? MerkleHash.emptyRoot() : subtree(0, size);
    }

    /** The inclusion proof of leaf {@code index} in the tree of {@code size} leaves (RFC 9162 2.1.3.1). */
    public List<byte[]> inclusionProof(long index, long size) {
        if (index < 0 || index >= size) {
            throw new IllegalArgumentException("index outside the tree");
        }
        List<byte[]> proof = new ArrayList<>();
        path(index, 0, size, proof);
        return proof;
    }

    /** The consistency proof from the tree of {@code oldSize} leaves to that of {@code newSize} (2.1.4.1). */
    public List<byte[]> consistencyProof(long oldSize, long newSize) {
        if (oldSize < 1 || oldSize > newSize) {
            throw new IllegalArgumentException("sizes out of order");
        }
        List<byte[]> proof = new ArrayList<>();
        subproof(oldSize, 0, newSize, true, proof);
        return proof;
    }

    // Deepest sibling first, as RFC 9162 lists them.
    private void path(long m, long from, long to, List<byte[]> out) {
        long n = to - from;
        if (n <= 1) {
            return;
        }
        long k = Long.highestOneBit(n - 1);
        if (m < k) {
            path(m, from, from + k, out);
            out.add(subtree(from + k, to));
        } else {
            path(m - k, from + k, to, out);
            out.add(subtree(from, from + k));
        }
    }

    private void subproof(long m, long from, long to, boolean complete, List<byte[]> out) {
        long n = to - from;
        if (m == n) {
            if (!complete) {
                out.add(subtree(from, to));
            }
            return;
        }
        long k = Long.highestOneBit(n - 1);
        if (m <= k) {
            subproof(m, from, from + k, complete, out);
            out.add(subtree(from + k, to));
        } else {
            subproof(m - k, from + k, to, false, out);
            out.add(subtree(from, from + k));
        }
    }

    /** MTH(D[from:to]) for a range of RFC 9162's recursion: every left part is a complete, aligned subtree. */
    byte[] subtree(long from, long to) {
        long n = to - from;
        if (n == 1) {
            return leaves.read(from, to).get(0);
        }
        if (Long.bitCount(n) == 1 && from % n == 0) {
            return complete(from, Long.numberOfTrailingZeros(n));
        }
        long k = Long.highestOneBit(n - 1);
        return MerkleHash.node(subtree(from, from + k), subtree(from + k, to));
    }

    /** The complete subtree of 2^height leaves from {@code from}: 2^r hashes of level height/8, folded. */
    private byte[] complete(long from, int height) {
        int level = height / TILE_HEIGHT;
        int rest = height % TILE_HEIGHT;
        long first = from >>> (TILE_HEIGHT * level);
        return fold(level(level, first, first + (1L << rest)));
    }

    /** Hashes {@code from..to-1} of a level (at most 256 at a time). */
    private List<byte[]> level(int level, long from, long to) {
        if (level == 0) {
            List<byte[]> read = leaves.read(from, to);
            if (read.size() != to - from) {
                throw new IllegalStateException("the log returned another number of leaf hashes than asked");
            }
            return read;
        }
        List<byte[]> hashes = new ArrayList<>((int) (to - from));
        for (long i = from; i < to; i++) {
            byte[] hash = cache.get(log, level, i);
            if (hash == null) {
                hash = fold(level(level - 1, i * TileAddress.FULL, (i + 1) * TileAddress.FULL));
                cache.put(log, level, i, hash);
            }
            hashes.add(hash);
        }
        return hashes;
    }

    /** The root of a complete tree over a power-of-two number of hashes. */
    static byte[] fold(List<byte[]> hashes) {
        List<byte[]> layer = hashes;
        while (layer.size() > 1) {
            List<byte[]> up = new ArrayList<>(layer.size() / 2);
            for (int i = 0; i < layer.size(); i += 2) {
                up.add(MerkleHash.node(layer.get(i), layer.get(i + 1)));
            }
            layer = up;
        }
        return layer.get(0);
    }
}
