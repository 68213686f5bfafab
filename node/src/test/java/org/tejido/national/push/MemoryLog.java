package org.tejido.national.push;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.tejido.ledger.crypto.Ed25519KeyPair;
import org.tejido.ledger.leaf.Commitment;
import org.tejido.ledger.leaf.LeafCodec;
import org.tejido.ledger.leaf.LeafKind;
import org.tejido.ledger.leaf.LeafV1;
import org.tejido.ledger.merkle.MerkleHash;
import org.tejido.ledger.merkle.MerkleTree;
import org.tejido.ledger.note.Checkpoint;
import org.tejido.ledger.note.NoteException;
import org.tejido.ledger.note.NoteSigner;
import org.tejido.national.sharing.SharePayloads;

/**
 * A node's log in memory, built with the ledger alone (real chained v1 leaves, real commitments and
 * signatures), thread-safe so tests can append while the pusher runs. Its signed checkpoints stand for
 * {@code federation_checkpoint}: signed once per size, then always the same bytes.
 */
final class MemoryLog implements LogSource {
    final String origin;
    final NoteSigner signer;
    private final List<PushEntry> entries = new ArrayList<>();
    private final List<byte[]> leafHashes = new ArrayList<>();
    private final Map<Long, byte[]> checkpoints = new TreeMap<>();
    private int signatures;

    MemoryLog(String origin, int keySeed) {
        this.origin = origin;
        byte[] seed = new byte[32];
        Arrays.fill(seed, (byte) keySeed);
        this.signer = new NoteSigner(origin, Ed25519KeyPair.fromSeed(seed));
    }

    static MemoryLog withEntries(int n) {
        return new MemoryLog("mx.example.org/MX/v1", 1).append(n);
    }

    synchronized MemoryLog append(int n) {
        for (int i = 0; i < n; i++) {
            long index = entries.size();
            byte[] previous = leafHashes.isEmpty() ? new byte[32] : leafHashes.get(leafHashes.size() - 1);
            // A share as the national writer makes it, distinct per index: the aggregator checks its content.
            byte[] payload = SharePayloads.payload(
                    SharePayloads.randomAttack(new java.util.Random(index)),
                    org.tejido.national.consent.SharingScope.STATISTICS);
            byte[] salt = filled(32, (int) index + 3);
            byte[] leaf = LeafCodec.encode(new LeafV1(
                    origin,
                    index,
                    previous,
                    filled(16, (int) index + 1),
                    LeafKind.SHARED,
                    filled(16, 7),
                    20_000,
                    Commitment.compute(salt, payload)));
            entries.add(new PushEntry(leaf, payload, salt));
            leafHashes.add(MerkleHash.leaf(leaf));
        }
        return this;
    }

    /** Erases an entry's content as retraction does: the leaf stays, payload and salt go. */
    synchronized MemoryLog erase(int index) {
        entries.set(index, new PushEntry(entries.get(index).leaf(), null, null));
        return this;
    }

    @Override
    public synchronized long size() {
        return entries.size();
    }

    @Override
    public synchronized List<PushEntry> entries(long from, int count) {
        return List.copyOf(entries.subList((int) from, (int) Math.min(entries.size(), from + count)));
    }

    @Override
    public synchronized byte[] root(long size) {
        return MerkleTree.root(leafHashes.subList(0, Math.toIntExact(size)));
    }

    @Override
    public synchronized byte[] checkpointNote(long size) {
        return checkpoints.computeIfAbsent(size, s -> sign(s)).clone();
    }

    synchronized List<Long> checkpointSizes() {
        return List.copyOf(checkpoints.keySet());
    }

    synchronized List<byte[]> leaves() {
        return entries.stream().map(PushEntry::leaf).toList();
    }

    synchronized int signatures() {
        return signatures;
    }

    private byte[] sign(long size) {
        signatures++;
        Checkpoint checkpoint = new Checkpoint(origin, size, MerkleTree.root(leafHashes.subList(0, (int) size)));
        try {
            return NoteSigner.signNote(checkpoint.toText(), List.of(signer)).toBytes();
        } catch (NoteException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] filled(int length, int value) {
        byte[] bytes = new byte[length];
        Arrays.fill(bytes, (byte) value);
        return bytes;
    }
}
