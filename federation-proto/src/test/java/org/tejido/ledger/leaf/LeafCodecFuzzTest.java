package org.tejido.ledger.leaf;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.Arrays;

/**
 * Fuzzes {@link LeafCodec#decode}, which reads leaves straight off the federation wire (docs/fuzzing.md):
 * it returns a leaf or throws {@link LeafFormatException}, nothing else, and accepts only the canonical
 * encoding, so {@code encode(decode(bytes))} gives back the same bytes.
 */
class LeafCodecFuzzTest {

    @FuzzTest
    void decode(byte[] bytes) throws LeafFormatException {
        LeafV1 leaf;
        try {
            leaf = LeafCodec.decode(bytes);
        } catch (LeafFormatException e) {
            if (e.failure() == null) {
                throw new AssertionError("a format exception without its failure", e);
            }
            return;
        }
        byte[] again = LeafCodec.encode(leaf);
        if (!Arrays.equals(again, bytes)) {
            throw new AssertionError("decoded a non-canonical encoding: " + leaf);
        }
        if (!LeafCodec.decode(again).equals(leaf)) {
            throw new AssertionError("decode(encode(leaf)) differs from " + leaf);
        }
    }

    /** The other way round: any leaf the record accepts encodes to bytes that decode to it. */
    @FuzzTest
    void encode(FuzzedDataProvider data) throws LeafFormatException {
        LeafV1 leaf;
        try {
            leaf = new LeafV1(
                    data.consumeString(LeafV1.MAX_ORIGIN_BYTES + 1),
                    data.consumeLong(),
                    data.consumeBytes(LeafV1.HASH_SIZE),
                    data.consumeBytes(LeafV1.ID_SIZE),
                    data.pickValue(LeafKind.values()),
                    data.consumeBytes(LeafV1.ID_SIZE),
                    data.consumeLong(0, LeafV1.MAX_EPOCH_DAY + 1),
                    data.consumeBytes(LeafV1.HASH_SIZE));
        } catch (IllegalArgumentException e) {
            return; // not a leaf: the record refuses it, so there is nothing to encode
        }
        LeafV1 decoded = LeafCodec.decode(LeafCodec.encode(leaf));
        if (!decoded.equals(leaf)) {
            throw new AssertionError("decode(encode(leaf)) = " + decoded + ", not " + leaf);
        }
    }
}
