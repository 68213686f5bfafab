-- The aggregator's read model of what each origin shares now: one row per shared record, with its
-- latest consented, minimized content. A retraction (revocation, erasure) removes the row.
CREATE TABLE regional_record (
    origin      TEXT         NOT NULL,
    target_id   UUID         NOT NULL,
    last_index  BIGINT       NOT NULL,
    scope       VARCHAR(16)  NOT NULL,
    share       JSONB        NOT NULL,
    updated_at  TIMESTAMPTZ  NOT NULL,
    PRIMARY KEY (origin, target_id)
);
CREATE INDEX regional_record_scope_idx ON regional_record (scope);
