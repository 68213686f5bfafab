-- Releases of protected statistics (docs/statistics-releases.md, ADR 0035): the signed note, exactly as
-- served, and the canonical content whose SHA-256 it names. A release is never changed or deleted: a
-- consent revoked after it leaves it as published (protected figures, not personal data).
CREATE TABLE regional_release (
    period        CHAR(4)      NOT NULL,
    number        INTEGER      NOT NULL CHECK (number > 0),
    note          BYTEA        NOT NULL,
    content       BYTEA        NOT NULL,
    published_at  TIMESTAMPTZ  NOT NULL,
    PRIMARY KEY (period, number)
);
