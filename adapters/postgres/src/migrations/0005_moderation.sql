-- Moderation tools: slow mode, timeouts and the audit log.

-- Seconds members wait between their messages in the channel (0: off).
ALTER TABLE channels ADD COLUMN slowmode_seconds bigint NOT NULL DEFAULT 0;

-- Slow mode reads a member's newest message in a channel: one index probe.
CREATE INDEX messages_by_author_channel ON messages (author_id, channel_id, id);

-- One timeout per user and server, kept when the member leaves (so
-- leaving and rejoining does not end it); it runs while now < until.
CREATE TABLE timeouts (
    server_id uuid NOT NULL REFERENCES servers (id) ON DELETE CASCADE,
    user_id   uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    until     bigint NOT NULL,
    PRIMARY KEY (server_id, user_id)
);

-- The audit log. actor_id has no foreign key: an entry outlives its
-- actor's account. changes is JSON text: [{"key", "old", "new"}].
CREATE TABLE audit_log (
    id          uuid PRIMARY KEY,
    server_id   uuid NOT NULL REFERENCES servers (id) ON DELETE CASCADE,
    actor_id    uuid NOT NULL,
    action      text NOT NULL,
    target_type text,
    target_id   text,
    reason      text,
    changes     text NOT NULL,
    created_at  bigint NOT NULL
);
CREATE INDEX audit_log_by_server ON audit_log (server_id, id);
CREATE INDEX audit_log_by_time ON audit_log (created_at);
