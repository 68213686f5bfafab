package org.tejido.regional.intake;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.tejido.ledger.crypto.Ed25519KeyPair;
import org.tejido.ledger.leaf.Commitment;
import org.tejido.ledger.leaf.LeafCodec;
import org.tejido.ledger.leaf.LeafKind;
import org.tejido.ledger.leaf.LeafV1;
import org.tejido.ledger.merkle.CompactRange;
import org.tejido.ledger.merkle.MerkleHash;
import org.tejido.ledger.merkle.MerkleTree;
import org.tejido.ledger.note.Checkpoint;
import org.tejido.ledger.note.NoteException;
import org.tejido.ledger.note.NoteSigner;
import org.tejido.national.consent.SharingScope;
import org.tejido.national.sharing.SharePayloads;

/** A national node's log built with the ledger alone, deterministic, for intake tests. */
final class TestLog {
    final String origin;
    final NoteSigner signer;
    final List<IncomingEntry> entries = new ArrayList<>();
    final List<byte[]> leafHashes = new ArrayList<>();
    /** The tree of the first entries, advanced as checkpoints of growing sizes are asked for. */
    private final CompactRange checkpointed = new CompactRange();

    TestLog(String origin, int seedByte) {
        this.origin = origin;
        byte[] seed = new byte[32];
        Arrays.fill(seed, (byte) seedByte);
        this.signer = new NoteSigner(origin, Ed25519KeyPair.fromSeed(seed));
    }

    /** Appends {@code n} shared entries with distinct payloads tagged by {@code tag}. */
    TestLog append(int n, String tag) {
        return append(n, tag, LeafKind.SHARED, 7);
    }

    /** Appends a retraction (consent revoked) of the record {@code filled(16, target)}, without content. */
    TestLog retract(int target) {
        return appendLeaf(LeafKind.CONSENT_REVOKED, target, new byte[0], new byte[0]);
    }

    /** Appends one shared entry about the record {@code filled(16, 7)} with {@code payload} as its content. */
    TestLog appendPayload(byte[] payload) {
        return appendLeaf(LeafKind.SHARED, 7, payload, filled(32, 99));
    }

    /**
     * Appends one entry of {@code kind} about the record {@code filled(16, target)} with {@code payload} as
     * its content under a salt of its own; an empty payload goes without salt (a retraction).
     */
    TestLog appendEntry(LeafKind kind, int target, byte[] payload) {
        return appendLeaf(kind, target, payload, payload.length == 0 ? new byte[0] : filled(32, entries.size() + 1));
    }

    /** As {@link #appendEntry(LeafKind, int, byte[])}, about the record {@code record}: any number of records. */
    TestLog appendEntry(LeafKind kind, UUID record, byte[] payload) {
        ByteBuffer target = ByteBuffer.allocate(16)
                .putLong(record.getMostSignificantBits())
                .putLong(record.getLeastSignificantBits());
        byte[] salt = payload.length == 0
                ? new byte[0]
                : ByteBuffer.allocate(32).putLong(entries.size() + 1L).array();
        return appendLeaf(kind, target.array(), payload, salt);
    }

    /** Appends a key rotation naming {@code next}'s verifier key as its content. */
    TestLog rotate(NoteSigner next) {
        return appendLeaf(
                LeafKind.KEY_ROTATION,
                55,
                next.verifierKey().format().getBytes(StandardCharsets.UTF_8),
                filled(32, 77));
    }

    /** The checkpoint of {@code size} signed by every one of {@code signers}. */
    byte[] checkpointSignedBy(int size, NoteSigner... signers) {
        Checkpoint checkpoint = new Checkpoint(origin, size, MerkleTree.root(leafHashes.subList(0, size)));
        try {
            return NoteSigner.signNote(checkpoint.toText(), List.of(signers)).toBytes();
        } catch (NoteException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Appends {@code n} entries of {@code kind} about the record {@code filled(16, target)}, with content
     * as a national node writes it for a random attack, distinct per index and tag, minimized for the
     * scope {@code tag} names ({@link #scopeOf}).
     */
    TestLog append(int n, String tag, LeafKind kind, int target) {
        for (int i = 0; i < n; i++) {
            long index = entries.size();
            byte[] payload = SharePayloads.payload(
                    SharePayloads.randomAttack(new Random(index * 31 + tag.hashCode())), scopeOf(tag));
            appendLeaf(kind, target, payload, filled(32, (int) index + tag.length()));
        }
        return this;
    }

    /**
     * Appends the next leaf of the chain about the record {@code filled(16, target)}, committing to
     * {@code payload} under {@code salt} (an empty salt: a commitment over nothing, no content sent).
     */
    private TestLog appendLeaf(LeafKind kind, int target, byte[] payload, byte[] salt) {
        return appendLeaf(kind, filled(16, target), payload, salt);
    }

    private TestLog appendLeaf(LeafKind kind, byte[] target, byte[] payload, byte[] salt) {
        long index = entries.size();
        byte[] previous = leafHashes.isEmpty() ? new byte[32] : leafHashes.get(leafHashes.size() - 1);
        LeafV1 leaf = new LeafV1(
                origin,
                index,
                previous,
                filled(16, (int) index + 1),
                kind,
                target,
                20_000,
                Commitment.compute(salt.length == 0 ? filled(32, 0) : salt, payload));
        byte[] encoded = LeafCodec.encode(leaf);
        entries.add(new IncomingEntry(encoded, payload, salt));
        leafHashes.add(MerkleHash.leaf(encoded));
        return this;
    }

    /** The scope a tag names: {@code case} and {@code public} name theirs, any other tag statistics. */
    static SharingScope scopeOf(String tag) {
        return switch (tag) {
            case "case" -> SharingScope.CASE;
            case "public" -> SharingScope.PUBLIC;
            default -> SharingScope.STATISTICS;
        };
    }

    byte[] checkpoint(int size) {
        return checkpoint(size, signer);
    }

    byte[] checkpoint(int size, NoteSigner by) {
        Checkpoint checkpoint = new Checkpoint(origin, size, root(size));
        try {
            return NoteSigner.signNote(checkpoint.toText(), List.of(by)).toBytes();
        } catch (NoteException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The root of the first {@code size} entries. Checkpoints of a log pushed in order are asked for at
     * growing sizes: those come from a compact range in O(log n), so a log of a million entries is not
     * rehashed for every batch.
     */
    byte[] root(int size) {
        if (size < checkpointed.size()) {
            return MerkleTree.root(leafHashes.subList(0, size));
        }
        while (checkpointed.size() < size) {
            checkpointed.append(leafHashes.get((int) checkpointed.size()));
        }
        return checkpointed.root();
    }

    IncomingBatch batch(int from, int to) {
        return new IncomingBatch(origin, entries.subList(from, to), checkpoint(to), List.of());
    }

    OriginLog storedUpTo(int size) {
        return new OriginLog(origin, leafHashes.subList(0, size));
    }

    static byte[] filled(int length, int value) {
        byte[] bytes = new byte[length];
        Arrays.fill(bytes, (byte) value);
        return bytes;
    }
}
