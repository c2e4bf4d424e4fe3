-- Moderation tools: slow mode, timeouts and the audit log.

-- Seconds members wait between their messages in the channel (0: off).
ALTER TABLE channels ADD COLUMN slowmode_seconds INTEGER NOT NULL DEFAULT 0;

-- Slow mode reads a member's newest message in a channel; the author
-- index gains the channel and id so that is one index probe (it still
-- serves "every message of this author").
DROP INDEX messages_by_author;
CREATE INDEX messages_by_author ON messages(author_id, channel_id, id);

-- One timeout per user and server, kept when the member leaves (so
-- leaving and rejoining does not end it); it runs while now < until.
CREATE TABLE timeouts (
    server_id BLOB NOT NULL REFERENCES servers(id) ON DELETE CASCADE,
    user_id   BLOB NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    until     INTEGER NOT NULL,
    PRIMARY KEY (server_id, user_id)
);

-- The audit log. actor_id has no foreign key: an entry outlives its
-- actor's account. changes is JSON: [{"key", "old", "new"}].
CREATE TABLE audit_log (
    id          BLOB PRIMARY KEY NOT NULL,
    server_id   BLOB NOT NULL REFERENCES servers(id) ON DELETE CASCADE,
    actor_id    BLOB NOT NULL,
    action      TEXT NOT NULL,
    target_type TEXT,
    target_id   TEXT,
    reason      TEXT,
    changes     TEXT NOT NULL,
    created_at  INTEGER NOT NULL
);
CREATE INDEX audit_log_by_server ON audit_log(server_id, id);
CREATE INDEX audit_log_by_time ON audit_log(created_at);
