-- Replies, pins and reactions.
--
-- reply_to has no foreign key: a reply keeps the id of an original that was
-- deleted since (clients show "original deleted").
ALTER TABLE messages ADD COLUMN reply_to BLOB;
-- When the message was pinned to its channel; NULL: not pinned.
ALTER TABLE messages ADD COLUMN pinned_at INTEGER;
-- A channel's pins, newest first; only pinned messages are in the index.
CREATE INDEX messages_pins ON messages(channel_id, pinned_at) WHERE pinned_at IS NOT NULL;

-- One row per (message, emoji, user). seq (the rowid) orders reactions by
-- when they were added, so "order of first use" is MIN(seq) per emoji.
-- Reactions go with their message and with their user.
CREATE TABLE reactions (
    seq        INTEGER PRIMARY KEY,
    message_id BLOB NOT NULL REFERENCES messages(id) ON DELETE CASCADE,
    emoji      TEXT NOT NULL,
    user_id    BLOB NOT NULL REFERENCES users(id) ON DELETE CASCADE
);
-- Serves lookups by message (a page's counts, the cascade) and the
-- reactors of one emoji ordered by user id.
CREATE UNIQUE INDEX reactions_key ON reactions(message_id, emoji, user_id);
CREATE INDEX reactions_by_user ON reactions(user_id);
