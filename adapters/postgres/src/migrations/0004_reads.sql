-- Read state and notification settings (issue #18).
--
-- read_states: one marker per (user, channel), the id of the newest
-- message read; markers only move forward (the store writes GREATEST).
-- message_mentions: one row per (mentioned user, message), kept by a
-- trigger on every write of `messages` (insert, edit of mentions, delete,
-- cascades included), so a mention count is one range of its primary key
-- instead of a scan of the channel's messages.

CREATE TABLE read_states (
    user_id    uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    channel_id uuid NOT NULL REFERENCES channels (id) ON DELETE CASCADE,
    last_read  uuid NOT NULL,
    PRIMARY KEY (user_id, channel_id)
);
CREATE INDEX read_states_by_channel ON read_states (channel_id);

CREATE TABLE server_notification_settings (
    user_id           uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    server_id         uuid NOT NULL REFERENCES servers (id) ON DELETE CASCADE,
    level             text NOT NULL,
    muted_until       bigint,
    suppress_everyone boolean NOT NULL,
    PRIMARY KEY (user_id, server_id)
);
CREATE INDEX server_notification_settings_by_server ON server_notification_settings (server_id);

CREATE TABLE channel_notification_settings (
    user_id     uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    channel_id  uuid NOT NULL REFERENCES channels (id) ON DELETE CASCADE,
    server_id   uuid NOT NULL,
    level       text NOT NULL,
    muted_until bigint,
    PRIMARY KEY (user_id, channel_id)
);
CREATE INDEX channel_notification_settings_by_channel ON channel_notification_settings (channel_id);

CREATE TABLE message_mentions (
    user_id    uuid NOT NULL,
    channel_id uuid NOT NULL,
    message_id uuid NOT NULL,
    PRIMARY KEY (user_id, channel_id, message_id)
);

INSERT INTO message_mentions (user_id, channel_id, message_id)
SELECT DISTINCT u, m.channel_id, m.id FROM messages m, unnest(m.mentions) AS u
ON CONFLICT DO NOTHING;

CREATE FUNCTION messages_sync_mentions() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') AND cardinality(OLD.mentions) > 0 THEN
        DELETE FROM message_mentions
        WHERE user_id = ANY (OLD.mentions) AND channel_id = OLD.channel_id AND message_id = OLD.id;
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') AND cardinality(NEW.mentions) > 0 THEN
        INSERT INTO message_mentions (user_id, channel_id, message_id)
        SELECT DISTINCT u, NEW.channel_id, NEW.id FROM unnest(NEW.mentions) AS u
        ON CONFLICT DO NOTHING;
    END IF;
    RETURN NULL;
END
$$;

CREATE TRIGGER messages_sync_mentions
AFTER INSERT OR DELETE OR UPDATE OF mentions ON messages
FOR EACH ROW EXECUTE FUNCTION messages_sync_mentions();
