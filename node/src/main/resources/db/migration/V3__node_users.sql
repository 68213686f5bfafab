-- The node's users: one role each, and the SHA-256 of their current access token (never the token
-- itself, which is shown once when issued). See docs/security.md. Names are never reused: a disabled
-- user keeps her row, so every name in a log keeps meaning one person.
CREATE TABLE node_user (
    name         VARCHAR(64)  PRIMARY KEY,
    role         VARCHAR(16)  NOT NULL
                 CHECK (role IN ('registrar', 'coordinator', 'analyst', 'auditor', 'admin')),
    token_hash   BYTEA        NOT NULL UNIQUE CHECK (octet_length(token_hash) = 32),
    created_at   TIMESTAMPTZ  NOT NULL,
    disabled_at  TIMESTAMPTZ
);
