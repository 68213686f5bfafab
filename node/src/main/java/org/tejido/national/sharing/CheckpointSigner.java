package org.tejido.national.sharing;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import org.tejido.ledger.merkle.CompactRange;
import org.tejido.ledger.note.Checkpoint;
import org.tejido.ledger.note.NoteException;
import org.tejido.ledger.note.NoteSigner;
import org.tejido.ledger.note.SignedNote;

/**
 * Signs a checkpoint (C2SP tlog-checkpoint: origin, size, base64 RFC 6962 root) whenever the log has
 * grown: one signature covers every entry up to that size, so entries need none of their own.
 */
@Component
class CheckpointSigner {
    private static final Logger log = LoggerFactory.getLogger(CheckpointSigner.class);

    private final JdbcTemplate jdbc;
    private final LogIdentity identity;
    private final Clock clock;
    private final CompactRange range = new CompactRange();

    CheckpointSigner(JdbcTemplate jdbc, LogIdentity identity, Clock clock) {
        this.jdbc = jdbc;
        this.identity = identity;
        this.clock = clock;
    }

    @Scheduled(fixedDelayString = "${tejido.federation.checkpoint-interval:PT5S}", initialDelayString = "PT2S")
    @Transactional
    public void signIfGrown() {
        jdbc.queryForList("SELECT pg_advisory_xact_lock(7462617)");
        long signed = jdbc.queryForObject("SELECT coalesce(max(tree_size), 0) FROM federation_checkpoint", Long.class);
        // Indexes run from 0 without gaps: the last one gives the size from the primary key.
        long size = jdbc.queryForObject("SELECT coalesce(max(log_index) + 1, 0) FROM federation_entry", Long.class);
        if (size <= signed) {
            return;
        }
        byte[] root = rootAt(size);
        Checkpoint checkpoint = new Checkpoint(identity.origin(), size, root);
        try {
            SignedNote note = NoteSigner.signNote(checkpoint.toText(), identity.signers());
            jdbc.update(
                    "INSERT INTO federation_checkpoint (tree_size, root_hash, note, signed_at) VALUES (?, ?, ?, ?)",
                    size,
                    root,
                    new String(note.toBytes(), StandardCharsets.UTF_8),
                    OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC));
        } catch (NoteException e) {
            throw new IllegalStateException("Cannot sign checkpoint of size " + size, e);
        }
        log.debug("Signed checkpoint of size {}", size);
    }

    /**
     * The root over the first {@code size} leaves. Leaves are append-only and their hashes never change,
     * so the tree read so far is kept (a compact range: O(log n) hashes) and only new leaves are read.
     */
    private byte[] rootAt(long size) {
        jdbc.query(
                "SELECT log_index, leaf_hash FROM federation_entry WHERE log_index >= ? AND log_index < ?"
                        + " ORDER BY log_index",
                rs -> {
                    if (rs.getLong(1) != range.size()) {
                        throw new IllegalStateException("federation_entry has no leaf " + range.size());
                    }
                    range.append(rs.getBytes(2));
                },
                range.size(),
                size);
        return range.root();
    }
}
