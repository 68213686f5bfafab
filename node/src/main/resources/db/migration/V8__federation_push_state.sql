-- What the regional aggregator last confirmed it holds of this node's log, per origin (a node has one
-- origin, but a rename of its domain gives a new one): the durably stored size and the node's checkpoint
-- of that size with the aggregator's witness cosignature lines appended, so that auditors can see what
-- the aggregator acknowledged. The checkpoints sent are kept in federation_checkpoint.
CREATE TABLE federation_push_state (
    origin         TEXT         PRIMARY KEY,
    stored_size    BIGINT       NOT NULL CHECK (stored_size >= 0),
    cosigned_note  TEXT,
    updated_at     TIMESTAMPTZ  NOT NULL
);
