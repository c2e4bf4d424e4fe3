-- Attachments: files uploaded to a channel (pending while message_id is
-- NULL, until expires_at), then carried by one message. The bytes are in
-- the blob store under the id. No foreign keys: the core removes a
-- message's attachments with their blobs.
CREATE TABLE attachments (
    id           uuid PRIMARY KEY,
    channel_id   uuid NOT NULL,
    uploader_id  uuid NOT NULL,
    message_id   uuid,
    filename     text NOT NULL,
    content_type text NOT NULL,
    size         bigint NOT NULL,
    width        bigint,
    height       bigint,
    has_preview  boolean NOT NULL,
    spoiler      boolean NOT NULL,
    created_at   bigint NOT NULL,
    expires_at   bigint NOT NULL
);
CREATE INDEX attachments_message ON attachments (message_id, id) WHERE message_id IS NOT NULL;
CREATE INDEX attachments_pending ON attachments (expires_at) WHERE message_id IS NULL;
CREATE INDEX attachments_uploader ON attachments (uploader_id, created_at);
