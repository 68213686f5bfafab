-- Passwords for people who sign in to the node's pages (docs/security.md, ADR 0032); tokens stay for
-- programs. Only the Argon2id hash is kept, in its PHC string form ($argon2id$v=19$m=...,t=...,p=...$salt$hash),
-- so its parameters can be raised later without a migration. NULL: no password set, the user cannot
-- sign in to the pages. password_set_at ends every session opened before a reset.
ALTER TABLE node_user
    ADD COLUMN password_hash   TEXT CHECK (password_hash IS NULL OR password_hash LIKE '$argon2id$%'),
    ADD COLUMN password_set_at TIMESTAMPTZ,
    ADD CONSTRAINT node_user_password_set_together CHECK ((password_hash IS NULL) = (password_set_at IS NULL));
