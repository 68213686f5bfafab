package org.tejido.ledger.leaf;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * One log leaf, format version 1. The record only holds values that {@link LeafCodec} can encode, so a
 * constructed leaf always has exactly one byte encoding. Byte arrays are copied in and out.
 *
 * @param epochDay the coarse day, in days since 1970-01-01 (an unsigned 32-bit value on the wire)
 */
public record LeafV1(
        String origin,
        long index,
        byte[] previousLeafHash,
        byte[] entryId,
        LeafKind kind,
        byte[] targetId,
        long epochDay,
        byte[] commitment) {

    public static final int VERSION = 1;
    public static final int MAX_ORIGIN_BYTES = 255;
    public static final int HASH_SIZE = 32;
    public static final int ID_SIZE = 16;
    public static final long MAX_EPOCH_DAY = 0xFFFF_FFFFL;

    public LeafV1 {
        Objects.requireNonNull(kind, "kind");
        requireOrigin(origin);
        if (index < 0) {
            throw new IllegalArgumentException("index must be non-negative");
        }
        previousLeafHash = copyOfLength(previousLeafHash, HASH_SIZE, "previous leaf hash");
        entryId = copyOfLength(entryId, ID_SIZE, "entry id");
        targetId = copyOfLength(targetId, ID_SIZE, "target id");
        commitment = copyOfLength(commitment, HASH_SIZE, "commitment");
        if (epochDay < 0 || epochDay > MAX_EPOCH_DAY) {
            throw new IllegalArgumentException("day must fit an unsigned 32-bit integer");
        }
        if (index == 0 && !Arrays.equals(previousLeafHash, new byte[HASH_SIZE])) {
            // The first leaf has no predecessor; a non-zero value there would be an unverifiable claim.
            throw new IllegalArgumentException("leaf 0 must have an all-zero previous leaf hash");
        }
    }

    /**
     * Origins are 1..255 UTF-8 bytes without ASCII control characters: they also become the first line of a
     * checkpoint note, where a newline would forge a line and control characters are forbidden.
     */
    static void requireOrigin(String origin) {
        Objects.requireNonNull(origin, "origin");
        // One pass, no encoder and no copy: every leaf of every batch an aggregator receives comes here.
        boolean loneSurrogate = false;
        boolean control = false;
        int bytes = 0;
        for (int i = 0; i < origin.length(); i++) {
            char c = origin.charAt(i);
            if (c < 0x20) {
                control = true;
                bytes += 1;
            } else if (c < 0x80) {
                bytes += 1;
            } else if (c < 0x800) {
                bytes += 2;
            } else if (Character.isHighSurrogate(c)
                    && i + 1 < origin.length()
                    && Character.isLowSurrogate(origin.charAt(i + 1))) {
                bytes += 4;
                i++;
            } else if (Character.isSurrogate(c)) {
                loneSurrogate = true;
            } else {
                bytes += 3;
            }
        }
        if (loneSurrogate) {
            throw new IllegalArgumentException("origin contains a lone surrogate");
        }
        if (bytes == 0 || bytes > MAX_ORIGIN_BYTES) {
            throw new IllegalArgumentException("origin must be 1.." + MAX_ORIGIN_BYTES + " UTF-8 bytes");
        }
        if (control) {
            throw new IllegalArgumentException("origin contains a control character");
        }
    }

    static boolean hasControlCharacter(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) < 0x20) {
                return true;
            }
        }
        return false;
    }

    private static byte[] copyOfLength(byte[] value, int length, String what) {
        if (value == null || value.length != length) {
            throw new IllegalArgumentException(what + " must be " + length + " bytes");
        }
        return value.clone();
    }

    @Override
    public byte[] previousLeafHash() {
        return previousLeafHash.clone();
    }

    @Override
    public byte[] entryId() {
        return entryId.clone();
    }

    @Override
    public byte[] targetId() {
        return targetId.clone();
    }

    /** The target id as the UUID it is (its 16 bytes, big-endian: most significant half first). */
    public java.util.UUID targetUuid() {
        java.nio.ByteBuffer id = java.nio.ByteBuffer.wrap(targetId);
        return new java.util.UUID(id.getLong(), id.getLong());
    }

    @Override
    public byte[] commitment() {
        return commitment.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LeafV1 other
                && origin.equals(other.origin)
                && index == other.index
                && Arrays.equals(previousLeafHash, other.previousLeafHash)
                && Arrays.equals(entryId, other.entryId)
                && kind == other.kind
                && Arrays.equals(targetId, other.targetId)
                && epochDay == other.epochDay
                && Arrays.equals(commitment, other.commitment);
    }

    @Override
    public int hashCode() {
        int h = Objects.hash(origin, index, kind, epochDay);
        h = 31 * h + Arrays.hashCode(previousLeafHash);
        h = 31 * h + Arrays.hashCode(entryId);
        h = 31 * h + Arrays.hashCode(targetId);
        return 31 * h + Arrays.hashCode(commitment);
    }

    @Override
    public String toString() {
        HexFormat hex = HexFormat.of();
        return "LeafV1[origin=" + origin + ", index=" + index + ", kind=" + kind + ", day=" + epochDay
                + ", entryId=" + hex.formatHex(entryId) + ", targetId=" + hex.formatHex(targetId)
                + ", previous=" + hex.formatHex(previousLeafHash) + ", commitment=" + hex.formatHex(commitment)
                + "]";
    }
}
