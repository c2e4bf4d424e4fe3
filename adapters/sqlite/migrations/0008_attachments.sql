-- Attachments: files uploaded to a channel (pending while message_id is
-- NULL, until expires_at), then carried by one message. The bytes are in
-- the blob store under the id.
CREATE TABLE attachments (
    id           BLOB PRIMARY KEY NOT NULL,
    channel_id   BLOB NOT NULL,
    uploader_id  BLOB NOT NULL,
    message_id   BLOB,
    filename     TEXT NOT NULL,
    content_type TEXT NOT NULL,
    size         INTEGER NOT NULL,
    width        INTEGER,
    height       INTEGER,
    has_preview  INTEGER NOT NULL,
    spoiler      INTEGER NOT NULL,
    created_at   INTEGER NOT NULL,
    expires_at   INTEGER NOT NULL
);
CREATE INDEX attachments_message ON attachments (message_id, id) WHERE message_id IS NOT NULL;
CREATE INDEX attachments_pending ON attachments (expires_at) WHERE message_id IS NULL;
CREATE INDEX attachments_uploader ON attachments (uploader_id, created_at);
