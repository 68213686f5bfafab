-- Per-subject data keys (one per defender, one per attack), each wrapped by the node's master key,
-- which is never stored here. Deleting a row is crypto-shredding: whatever was sealed under that key
-- in events, projections or backups taken afterwards can no longer be read.
CREATE TABLE data_key (
    key_id         VARCHAR(100)  PRIMARY KEY,
    wrapped        BYTEA         NOT NULL,
    master_key_id  VARCHAR(16)   NOT NULL,
    created_at     TIMESTAMPTZ   NOT NULL
);

-- Personal data of an attack (narrative, municipality), sealed; the facts column no longer holds them.
ALTER TABLE case_summary ADD COLUMN personal JSONB;

-- Defenders as registered, and their identifying data, sealed.
CREATE TABLE defender_summary (
    code           VARCHAR(64)   PRIMARY KEY,
    country        CHAR(2)       NOT NULL,
    subdivision    VARCHAR(6),
    profile        JSONB         NOT NULL,
    identity       JSONB,
    erased_at      TIMESTAMPTZ,
    updated_at     TIMESTAMPTZ   NOT NULL
);

-- Who read identifying data, when, and which record (projection of IdentifyingDataReadEvent).
CREATE TABLE access_log (
    id            BIGSERIAL     PRIMARY KEY,
    at            TIMESTAMPTZ   NOT NULL,
    reader        VARCHAR(100)  NOT NULL,
    role          VARCHAR(64)   NOT NULL,
    subject_kind  VARCHAR(16)   NOT NULL,
    subject_id    VARCHAR(64)   NOT NULL
);
CREATE INDEX access_log_subject_idx ON access_log (subject_kind, subject_id, at DESC);
