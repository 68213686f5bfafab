-- The node's federation log: an append-only sequence of v1 leaves (docs/log-format.md), each with
-- the minimized payload and the salt of its commitment beside it. Retraction and erasure delete the
-- payload and the salt (the content is gone) while the leaf, the tree and the checkpoints still verify.
CREATE TABLE federation_entry (
    log_index    BIGINT       PRIMARY KEY,
    entry_id     UUID         NOT NULL UNIQUE,
    kind         SMALLINT     NOT NULL,
    target_id    UUID         NOT NULL,
    leaf         BYTEA        NOT NULL,
    leaf_hash    BYTEA        NOT NULL,
    payload      BYTEA,
    salt         BYTEA,
    appended_at  TIMESTAMPTZ  NOT NULL
);
CREATE INDEX federation_entry_target_idx ON federation_entry (target_id);

-- Signed checkpoints (C2SP signed notes) over the log, one per batch of new entries.
CREATE TABLE federation_checkpoint (
    tree_size  BIGINT       PRIMARY KEY,
    root_hash  BYTEA        NOT NULL,
    note       TEXT         NOT NULL,
    signed_at  TIMESTAMPTZ  NOT NULL
);

-- What the log's own processor knows, kept in its own transaction so it never reads another
-- projection that may lag: the shareable state of each attack and the defenders' active consents.
CREATE TABLE federation_attack (
    attack_id        UUID          PRIMARY KEY,
    target_id        UUID          NOT NULL UNIQUE,
    facts            JSONB         NOT NULL,
    classification   JSONB         NOT NULL,
    sharing_summary  TEXT,
    defenders        TEXT[]        NOT NULL,
    own_scope        VARCHAR(16),
    own_public_name  TEXT,
    own_public_summary TEXT,
    shared_hash      BYTEA
);
CREATE INDEX federation_attack_defenders_idx ON federation_attack USING GIN (defenders);

CREATE TABLE federation_defender_consent (
    defender_code   VARCHAR(64)  PRIMARY KEY,
    scope           VARCHAR(16)  NOT NULL,
    public_name     TEXT,
    public_summary  TEXT
);
