-- Account security (issue 15): what the sessions list shows, two-factor
-- state, and logins waiting for their second factor.

ALTER TABLE sessions ADD COLUMN last_used_at bigint NOT NULL DEFAULT 0;
ALTER TABLE sessions ADD COLUMN user_agent text;
ALTER TABLE sessions ADD COLUMN ip_hint text;
UPDATE sessions SET last_used_at = created_at;

-- One row per user who started a setup; secrets sealed (AEAD) by the
-- server's key file, recovery codes as keyed digests.
CREATE TABLE mfa (
    user_id        uuid PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    secret         text,
    pending_secret text,
    last_step      bigint NOT NULL,
    recovery_codes text[] NOT NULL,
    version        bigint NOT NULL
);

CREATE TABLE mfa_tickets (
    hash       text PRIMARY KEY,
    user_id    uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    expires_at bigint NOT NULL,
    failures   integer NOT NULL
);
CREATE INDEX mfa_tickets_by_user ON mfa_tickets (user_id);
CREATE INDEX mfa_tickets_by_expiry ON mfa_tickets (expires_at);
