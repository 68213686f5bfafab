package org.tejido.national.push;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.tejido.ledger.merkle.CompactRange;
import org.tejido.ledger.note.Checkpoint;
import org.tejido.ledger.note.NoteException;
import org.tejido.ledger.note.NoteSigner;
import org.tejido.ledger.note.SignedNote;
import org.tejido.national.sharing.LogIdentity;

/**
 * The log in PostgreSQL ({@code federation_entry}, {@code federation_checkpoint}). Checkpoints of a
 * batch's size are signed here when none exists yet, under the same advisory lock as the periodic
 * {@code CheckpointSigner}, and stored before they are sent: auditors see every checkpoint the
 * aggregator was given, and a resent batch carries the very same note.
 */
final class JdbcLogSource implements LogSource {
    /** The lock {@code national.sharing.CheckpointSigner} takes: one signer of checkpoints at a time. */
    static final long CHECKPOINT_LOCK = 7462617;

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;
    private final LogIdentity identity;
    private final Clock clock;
    // Leaves are append-only and their hashes never change (erasure removes payloads only), so the
    // hashes read once are kept: proofs and roots then cost no re-reading of the whole table.
    private final List<byte[]> leafHashes = new ArrayList<>();
    // The tree up to the last checkpoint signed here: batches go forward, so each root costs its batch.
    private CompactRange signedRange = new CompactRange();

    JdbcLogSource(JdbcTemplate jdbc, PlatformTransactionManager transactions, LogIdentity identity, Clock clock) {
        this.jdbc = jdbc;
        this.transaction = new TransactionTemplate(transactions);
        this.identity = identity;
        this.clock = clock;
    }

    @Override
    public long size() {
        // Indexes run from 0 without gaps (each leaf chains to the previous one): the last one tells
        // the size from the primary key, where count(*) would read the whole table.
        return jdbc.queryForObject("SELECT coalesce(max(log_index) + 1, 0) FROM federation_entry", Long.class);
    }

    @Override
    public List<PushEntry> entries(long from, int count) {
        List<PushEntry> entries = new ArrayList<>(count);
        jdbc.query(
                "SELECT log_index, leaf, payload, salt FROM federation_entry"
                        + " WHERE log_index >= ? AND log_index < ? ORDER BY log_index",
                rs -> {
                    requireIndex(rs.getLong(1), from + entries.size());
                    entries.add(new PushEntry(rs.getBytes(2), rs.getBytes(3), rs.getBytes(4)));
                },
                from,
                from + count);
        return entries;
    }

    /**
     * The root this node signed for that size, from {@code federation_checkpoint} (computed from this log
     * when it was signed); computed from the leaf hashes only for a size it never signed.
     */
    @Override
    public byte[] root(long size) {
        List<byte[]> signed = jdbc.query(
                "SELECT root_hash FROM federation_checkpoint WHERE tree_size = ?", (rs, n) -> rs.getBytes(1), size);
        return signed.isEmpty() ? rootAt(size) : signed.get(0);
    }

    /** Reads the hashes of leaves not read yet, up to {@code size}. */
    private void loadLeafHashes(long size) {
        if (leafHashes.size() < size) {
            jdbc.query(
                    "SELECT log_index, leaf_hash FROM federation_entry"
                            + " WHERE log_index >= ? AND log_index < ? ORDER BY log_index",
                    rs -> {
                        requireIndex(rs.getLong(1), leafHashes.size());
                        leafHashes.add(rs.getBytes(2));
                    },
                    (long) leafHashes.size(),
                    size);
        }
        if (leafHashes.size() < size) {
            throw new IllegalStateException("log shorter than " + size);
        }
    }

    @Override
    public byte[] checkpointNote(long size) {
        String note = transaction.execute(tx -> {
            jdbc.queryForList("SELECT pg_advisory_xact_lock(?)", CHECKPOINT_LOCK);
            String stored = storedNote(size);
            if (stored != null) {
                return stored;
            }
            byte[] root = rootAt(size);
            jdbc.update(
                    "INSERT INTO federation_checkpoint (tree_size, root_hash, note, signed_at) VALUES (?, ?, ?, ?)"
                            + " ON CONFLICT (tree_size) DO NOTHING",
                    size,
                    root,
                    sign(new Checkpoint(identity.origin(), size, root)),
                    OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC));
            // Whatever is stored for that size is what goes out, even if another signer got there first.
            return storedNote(size);
        });
        return note.getBytes(StandardCharsets.UTF_8);
    }

    private synchronized byte[] rootAt(long size) {
        loadLeafHashes(size);
        if (signedRange.size() > size) {
            signedRange = new CompactRange(); // a resume further back: rebuild once
        }
        for (long i = signedRange.size(); i < size; i++) {
            signedRange.append(leafHashes.get(Math.toIntExact(i)));
        }
        return signedRange.root();
    }

    private String storedNote(long size) {
        List<String> notes =
                jdbc.queryForList("SELECT note FROM federation_checkpoint WHERE tree_size = ?", String.class, size);
        return notes.isEmpty() ? null : notes.get(0);
    }

    private String sign(Checkpoint checkpoint) {
        try {
            SignedNote note = NoteSigner.signNote(checkpoint.toText(), identity.signers());
            return new String(note.toBytes(), StandardCharsets.UTF_8);
        } catch (NoteException e) {
            throw new IllegalStateException("Cannot sign checkpoint of size " + checkpoint.size(), e);
        }
    }

    private static void requireIndex(long actual, long expected) {
        if (actual != expected) {
            throw new IllegalStateException("federation_entry has a gap at index " + expected);
        }
    }
}
