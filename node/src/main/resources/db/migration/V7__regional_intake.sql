-- The regional aggregator's intake. The leaves themselves, checkpoints, cosignatures, refusals and
-- equivocation evidence are events in the Axon event store (aggregate OriginLedger, one per origin);
-- these tables hold what must be read quickly or must be deletable.

-- Nodes allowed to push: the origin of their log, the SHA-256 fingerprint of their TLS client
-- certificate's public key and the verifier key of their log-signing key, confirmed out of band.
CREATE TABLE enrolled_node (
    origin           TEXT         PRIMARY KEY,
    tls_fingerprint  VARCHAR(71)  NOT NULL UNIQUE,
    log_key          TEXT         NOT NULL,
    enrolled_at      TIMESTAMPTZ  NOT NULL
);

-- The consented content beside each stored leaf. Never copied into an event, so that retraction
-- can delete it for good: the leaf keeps only the commitment.
CREATE TABLE regional_payload (
    origin     TEXT    NOT NULL,
    log_index  BIGINT  NOT NULL,
    target_id  UUID    NOT NULL,
    kind       SMALLINT NOT NULL,
    payload    BYTEA   NOT NULL,
    salt       BYTEA   NOT NULL,
    PRIMARY KEY (origin, log_index)
);
CREATE INDEX regional_payload_target_idx ON regional_payload (origin, target_id);

-- What the aggregator holds of each origin (GetLogState): written in the same transaction as the
-- events of the batch that produced it.
CREATE TABLE regional_log_state (
    origin            TEXT         PRIMARY KEY,
    stored_size       BIGINT       NOT NULL,
    checkpoint_note   TEXT         NOT NULL,
    cosignature_note  TEXT         NOT NULL,
    updated_at        TIMESTAMPTZ  NOT NULL
);
