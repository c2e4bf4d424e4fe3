-- Account security (issue 15): what the sessions list shows, two-factor
-- state, and logins waiting for their second factor.

ALTER TABLE sessions ADD COLUMN last_used_at INTEGER NOT NULL DEFAULT 0;
ALTER TABLE sessions ADD COLUMN user_agent TEXT;
ALTER TABLE sessions ADD COLUMN ip_hint TEXT;
UPDATE sessions SET last_used_at = created_at;

-- One row per user who started a setup; secrets sealed (AEAD) by the
-- server's key file, recovery codes as keyed digests (a JSON array).
CREATE TABLE mfa (
    user_id        BLOB PRIMARY KEY NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    secret         TEXT,
    pending_secret TEXT,
    last_step      INTEGER NOT NULL,
    recovery_codes TEXT NOT NULL,
    version        INTEGER NOT NULL
);

CREATE TABLE mfa_tickets (
    hash       TEXT PRIMARY KEY NOT NULL,
    user_id    BLOB NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    expires_at INTEGER NOT NULL,
    failures   INTEGER NOT NULL
);
CREATE INDEX mfa_tickets_by_user ON mfa_tickets(user_id);
CREATE INDEX mfa_tickets_by_expiry ON mfa_tickets(expires_at);
