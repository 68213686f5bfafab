package org.tejido.regional.tiles;

import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.tejido.ledger.merkle.MerkleHash;
import org.tejido.regional.intake.CheckpointCosignedEvent;
import org.tejido.regional.intake.EntriesStoredEvent;

/**
 * The leaves each origin's log holds at the aggregator and its latest cosigned checkpoint, as the tiles
 * read them. A checkpoint's event follows the entries it covers in the origin's stream, so the checkpoint
 * kept here never names a leaf this table lacks. Leaves only: content is never copied here.
 */
@Component
@ProcessingGroup("origin-tiles")
class OriginTilesProjection {
    private final JdbcTemplate jdbc;

    OriginTilesProjection(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(EntriesStoredEvent event) {
        List<Object[]> rows = new ArrayList<>(event.entries().size());
        long index = event.firstIndex();
        for (EntriesStoredEvent.StoredEntry entry : event.entries()) {
            rows.add(new Object[] {event.origin(), index++, entry.leaf(), MerkleHash.leaf(entry.leaf())});
        }
        jdbc.batchUpdate(
                "INSERT INTO regional_tile_leaf (origin, log_index, leaf, leaf_hash) VALUES (?, ?, ?, ?)"
                        + " ON CONFLICT DO NOTHING",
                rows);
    }

    @EventHandler
    void on(CheckpointCosignedEvent event) {
        jdbc.update(
                "INSERT INTO regional_tile_checkpoint (origin, tree_size, checkpoint_note, cosignature_note,"
                        + " cosigned_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT (origin) DO UPDATE SET tree_size ="
                        + " excluded.tree_size, checkpoint_note = excluded.checkpoint_note, cosignature_note ="
                        + " excluded.cosignature_note, cosigned_at = excluded.cosigned_at"
                        + " WHERE regional_tile_checkpoint.tree_size <= excluded.tree_size",
                event.origin(),
                event.size(),
                event.checkpointNote(),
                event.cosignatureNote(),
                event.cosignedAt().atOffset(ZoneOffset.UTC));
    }

    @ResetHandler
    void reset() {
        jdbc.update("TRUNCATE regional_tile_leaf, regional_tile_checkpoint");
    }
}
