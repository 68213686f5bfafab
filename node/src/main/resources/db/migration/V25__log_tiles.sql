-- Serving logs to auditors in the tlog-tiles layout (docs/auditing.md).

-- Inclusion proofs by leaf hash on the node's own log.
CREATE INDEX federation_entry_leaf_hash_idx ON federation_entry (leaf_hash);

-- Read model (processing group "origin-tiles", aggregator): every leaf the aggregator stored for each
-- origin, from EntriesStoredEvent, and the latest cosigned checkpoint they cover, from
-- CheckpointCosignedEvent. Rebuilt by a replay; leaves only, never content.
CREATE TABLE regional_tile_leaf (
    origin     TEXT    NOT NULL,
    log_index  BIGINT  NOT NULL,
    leaf       BYTEA   NOT NULL,
    leaf_hash  BYTEA   NOT NULL,
    PRIMARY KEY (origin, log_index)
);
CREATE INDEX regional_tile_leaf_hash_idx ON regional_tile_leaf (origin, leaf_hash);

CREATE TABLE regional_tile_checkpoint (
    origin            TEXT         PRIMARY KEY,
    tree_size         BIGINT       NOT NULL,
    checkpoint_note   TEXT         NOT NULL,
    cosignature_note  TEXT         NOT NULL,
    cosigned_at       TIMESTAMPTZ  NOT NULL
);
