package org.tejido.ledger.leaf;

import java.util.ArrayList;
import java.util.List;

/** Builds well-formed, correctly chained leaves for tests. */
final class TestLeaves {

    static final String ORIGIN = "mx.example.org/MX/v1";

    private TestLeaves() {}

    static byte[] id(int seed) {
        byte[] id = new byte[LeafV1.ID_SIZE];
        for (int i = 0; i < id.length; i++) {
            id[i] = (byte) (seed * 31 + i);
        }
        return id;
    }

    static LeafV1 leaf(String origin, long index, byte[] previous, LeafKind kind) {
        byte[] salt = new byte[Commitment.SALT_SIZE];
        salt[0] = (byte) index;
        return new LeafV1(
                origin,
                index,
                previous,
                id((int) index),
                kind,
                id(1000 + (int) index),
                19_800 + index,
                Commitment.compute(salt, ("payload " + index).getBytes()));
    }

    /** Encodings of leaves 0..n-1 of one chain. */
    static List<byte[]> chain(String origin, int n) {
        List<byte[]> out = new ArrayList<>();
        byte[] previous = new byte[LeafV1.HASH_SIZE];
        for (int i = 0; i < n; i++) {
            LeafV1 leaf = leaf(origin, i, previous, LeafKind.SHARED);
            out.add(LeafCodec.encode(leaf));
            previous = LeafCodec.leafHash(leaf);
        }
        return out;
    }
}
