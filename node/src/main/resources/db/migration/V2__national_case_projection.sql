-- Read model of the national node's cases: one row per attack, one per follow-up.
-- Rebuildable at any time by replaying the event store (see docs/operations.md).
CREATE TABLE case_summary (
    attack_id            UUID         PRIMARY KEY,
    recorded_at          TIMESTAMPTZ  NOT NULL,
    updated_at           TIMESTAMPTZ  NOT NULL,
    occurred_on          VARCHAR(10)  NOT NULL,
    occurred_from        DATE         NOT NULL,
    occurred_to          DATE         NOT NULL,
    country              CHAR(2)      NOT NULL,
    subdivision          VARCHAR(6),
    target_kind          VARCHAR(64)  NOT NULL,
    aggression_types     TEXT[]       NOT NULL,
    aggression_groups    TEXT[]       NOT NULL,
    verification_status  VARCHAR(64)  NOT NULL,
    corrections          INTEGER      NOT NULL DEFAULT 0,
    facts                JSONB        NOT NULL,
    classification       JSONB        NOT NULL
);
CREATE INDEX case_summary_period_idx ON case_summary (occurred_from DESC, attack_id);
CREATE INDEX case_summary_subdivision_idx ON case_summary (subdivision);
CREATE INDEX case_summary_types_idx ON case_summary USING GIN (aggression_types);
CREATE INDEX case_summary_groups_idx ON case_summary USING GIN (aggression_groups);

CREATE TABLE case_follow_up (
    follow_up_id  UUID         PRIMARY KEY,
    attack_id     UUID         NOT NULL,
    kind          VARCHAR(64)  NOT NULL,
    status        VARCHAR(64)  NOT NULL,
    started_on    DATE         NOT NULL,
    note          TEXT,
    updated_at    TIMESTAMPTZ  NOT NULL
);
CREATE INDEX case_follow_up_attack_idx ON case_follow_up (attack_id);
