-- The aggregator's statistics store (ADR 0034): for every share content the intake keeps in
-- regional_payload, the codes the statistics count, read once from that content. One row per content
-- row, same key; written and deleted by the intake in the transaction that keeps or deletes the content,
-- so the two never disagree. The record a statistic counts is, as in the regional_record view, the
-- latest entry with content per (origin, target_id).
--
-- Codes are arrays, not child tables: every read takes whole records (all of them, or those of a year),
-- never one code across records, and a record's codes come and go together with its content. A row per
-- record, each array written by one COPY, against one row per code and a join to read them back.
-- Perpetrators are two arrays of the same length, in the node's order (a pair may repeat).
CREATE TABLE regional_statistics (
    origin               TEXT         NOT NULL,
    log_index            BIGINT       NOT NULL,
    target_id            UUID         NOT NULL,
    scope                VARCHAR(16)  NOT NULL,
    country              VARCHAR(2)   NOT NULL,
    period               VARCHAR(7)   NOT NULL,
    target_kind          VARCHAR(64)  NOT NULL,
    verification_status  VARCHAR(64)  NOT NULL,
    aggression_types     TEXT[]       NOT NULL,
    perpetrators         TEXT[]       NOT NULL,
    involvements         TEXT[]       NOT NULL,
    rights_defended      TEXT[]       NOT NULL,
    gender_elements      TEXT[]       NOT NULL,
    -- The pseudonyms of version-2 content; for version 1, the single pseudonym 'v1:<origin>'.
    contributors         TEXT[]       NOT NULL CHECK (cardinality(contributors) > 0),
    public_name          TEXT,
    PRIMARY KEY (origin, log_index),
    CHECK (cardinality(perpetrators) = cardinality(involvements))
);
-- The read: the latest entry per record, walked in the index's order without a sort.
CREATE INDEX regional_statistics_record_idx ON regional_statistics (origin, target_id, log_index DESC);

-- Whether regional_statistics holds every content row. Content stored before this migration is read by
-- the application (the same reader as the intake's: one set of rules), which rebuilds the table at its
-- next start in the regional role when built_at is null, or by `statistics rebuild`.
CREATE TABLE regional_statistics_build (
    singleton  BOOLEAN      PRIMARY KEY DEFAULT TRUE CHECK (singleton),
    built_at   TIMESTAMPTZ
);
INSERT INTO regional_statistics_build (singleton, built_at)
    SELECT TRUE, CASE WHEN EXISTS (SELECT 1 FROM regional_payload) THEN NULL ELSE now() END;
