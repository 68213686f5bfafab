package org.tejido.ledger.leaf;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.tejido.ledger.merkle.MerkleHash;

/**
 * The v1 leaf byte encoding (big-endian, fixed layout, see docs/log-format.md). Hand-written rather than
 * protobuf because the bytes are hashed and signed: they must have exactly one encoding per leaf, and
 * decoding accepts only that encoding.
 */
public final class LeafCodec {

    /** Every field except the origin bytes: version, origin length, index, previous, ids, kind, day, commitment. */
    public static final int FIXED_SIZE =
            1 + 2 + 8 + LeafV1.HASH_SIZE + LeafV1.ID_SIZE + 1 + LeafV1.ID_SIZE + 4 + LeafV1.HASH_SIZE;

    private LeafCodec() {}

    public static byte[] encode(LeafV1 leaf) {
        byte[] origin = leaf.origin().getBytes(StandardCharsets.UTF_8);
        ByteBuffer out = ByteBuffer.allocate(FIXED_SIZE + origin.length);
        out.put((byte) LeafV1.VERSION);
        out.putShort((short) origin.length);
        out.put(origin);
        out.putLong(leaf.index());
        out.put(leaf.previousLeafHash());
        out.put(leaf.entryId());
        out.put((byte) leaf.kind().code());
        out.put(leaf.targetId());
        out.putInt((int) leaf.epochDay());
        out.put(leaf.commitment());
        return out.array();
    }

    /** RFC 6962 leaf hash of the encoding: the Merkle leaf and the next leaf's "previous leaf hash". */
    public static byte[] leafHash(LeafV1 leaf) {
        return MerkleHash.leaf(encode(leaf));
    }

    public static LeafV1 decode(byte[] bytes) throws LeafFormatException {
        ByteBuffer in = ByteBuffer.wrap(bytes).asReadOnlyBuffer();
        try {
            LeafV1 leaf = read(in);
            if (in.hasRemaining()) {
                throw new LeafFormatException(
                        LeafFormatFailure.TRAILING_BYTES, in.remaining() + " bytes after the commitment");
            }
            return leaf;
        } catch (BufferUnderflowException e) {
            throw new LeafFormatException(LeafFormatFailure.TRUNCATED, "leaf ends after " + bytes.length + " bytes");
        }
    }

    private static LeafV1 read(ByteBuffer in) throws LeafFormatException {
        int version = Byte.toUnsignedInt(in.get());
        if (version != LeafV1.VERSION) {
            throw new LeafFormatException(LeafFormatFailure.UNKNOWN_VERSION, "version " + version);
        }
        String origin = readOrigin(in);
        long index = in.getLong();
        if (index < 0) {
            throw new LeafFormatException(LeafFormatFailure.INDEX_OUT_OF_RANGE, "index above 2^63-1");
        }
        byte[] previous = take(in, LeafV1.HASH_SIZE);
        if (index == 0 && !Arrays.equals(previous, new byte[LeafV1.HASH_SIZE])) {
            throw new LeafFormatException(
                    LeafFormatFailure.GENESIS_PREVIOUS_HASH, "leaf 0 must have an all-zero previous leaf hash");
        }
        byte[] entryId = take(in, LeafV1.ID_SIZE);
        int kindCode = Byte.toUnsignedInt(in.get());
        LeafKind kind = LeafKind.fromCode(kindCode)
                .orElseThrow(() -> new LeafFormatException(LeafFormatFailure.UNKNOWN_KIND, "kind " + kindCode));
        byte[] targetId = take(in, LeafV1.ID_SIZE);
        long day = Integer.toUnsignedLong(in.getInt());
        byte[] commitment = take(in, LeafV1.HASH_SIZE);
        return new LeafV1(origin, index, previous, entryId, kind, targetId, day, commitment);
    }

    private static String readOrigin(ByteBuffer in) throws LeafFormatException {
        int length = Short.toUnsignedInt(in.getShort());
        if (length == 0 || length > LeafV1.MAX_ORIGIN_BYTES) {
            throw new LeafFormatException(LeafFormatFailure.ORIGIN_LENGTH, "origin of " + length + " bytes");
        }
        byte[] raw = take(in, length);
        String origin;
        if (isAscii(raw)) {
            // Always valid UTF-8, and origins are ASCII in practice: no strict decoder per leaf.
            origin = new String(raw, StandardCharsets.US_ASCII);
        } else {
            origin = strictUtf8(raw);
        }
        if (LeafV1.hasControlCharacter(origin)) {
            throw new LeafFormatException(LeafFormatFailure.ORIGIN_CONTROL_CHARACTER, "origin has a control character");
        }
        return origin;
    }

    private static boolean isAscii(byte[] raw) {
        for (byte b : raw) {
            if (b < 0) {
                return false;
            }
        }
        return true;
    }

    private static String strictUtf8(byte[] raw) throws LeafFormatException {
        String origin;
        try {
            origin = StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(raw))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new LeafFormatException(LeafFormatFailure.ORIGIN_NOT_UTF8, "origin is not valid UTF-8");
        }
        return origin;
    }

    private static byte[] take(ByteBuffer in, int length) {
        byte[] out = new byte[length];
        in.get(out);
        return out;
    }
}
