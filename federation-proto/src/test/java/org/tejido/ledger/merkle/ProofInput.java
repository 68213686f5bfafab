package org.tejido.ledger.merkle;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * How the proof fuzz tests read their bytes (and deploy/fuzz/seeds.py writes the vectors): two
 * big-endian 64-bit numbers, then hashes, each one length byte followed by that many bytes (fewer
 * when the input ends first). The first two hashes are the ones being related, the rest is the proof.
 * Lengths other than 32 are kept, so the 32-byte policy is fuzzed too.
 */
record ProofInput(long first, long second, byte[] hashA, byte[] hashB, List<byte[]> proof) {

    static ProofInput read(byte[] bytes) {
        ByteBuffer in = ByteBuffer.wrap(bytes);
        long first = in.remaining() >= 8 ? in.getLong() : 0;
        long second = in.remaining() >= 8 ? in.getLong() : 0;
        List<byte[]> hashes = new ArrayList<>();
        while (in.hasRemaining()) {
            int length = Math.min(Byte.toUnsignedInt(in.get()), in.remaining());
            byte[] hash = new byte[length];
            in.get(hash);
            hashes.add(hash);
        }
        byte[] a = hashes.isEmpty() ? null : hashes.remove(0);
        byte[] b = hashes.isEmpty() ? null : hashes.remove(0);
        return new ProofInput(first, second, a, b, hashes);
    }
}
