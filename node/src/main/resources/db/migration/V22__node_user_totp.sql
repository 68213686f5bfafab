-- A second factor for people who sign in to the pages: a TOTP secret (RFC 6238) per user, enrolled with
-- `users totp` (docs/security.md). Never in clear: AES-256-GCM under the key file keys/totp.key of the
-- data directory, so a copy of the database alone opens nothing; stored as nonce (12 bytes) followed by
-- the ciphertext of the 20-byte secret and its 16-byte tag. totp_last_step is the last 30-second step
-- whose code was accepted: a code of that step or an earlier one is refused (no replay).
ALTER TABLE node_user
    ADD COLUMN totp_secret      BYTEA CHECK (totp_secret IS NULL OR octet_length(totp_secret) = 12 + 20 + 16),
    ADD COLUMN totp_enrolled_at TIMESTAMPTZ,
    ADD COLUMN totp_last_step   BIGINT,
    ADD CONSTRAINT node_user_totp_set_together CHECK ((totp_secret IS NULL) = (totp_enrolled_at IS NULL));
