-- Read state and notification settings (issue #18).
--
-- read_states: one marker per (user, channel), the id of the newest
-- message read; markers only move forward (the store writes MAX).
-- message_mentions: one row per (mentioned user, message), kept by the
-- triggers below on every write of `messages` (insert, edit of mentions,
-- delete, cascades included), so a mention count is one range of its
-- primary key instead of a scan of the channel's messages.

CREATE TABLE read_states (
    user_id    BLOB NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    channel_id BLOB NOT NULL REFERENCES channels(id) ON DELETE CASCADE,
    last_read  BLOB NOT NULL,
    PRIMARY KEY (user_id, channel_id)
) WITHOUT ROWID;
CREATE INDEX read_states_by_channel ON read_states(channel_id);

CREATE TABLE server_notification_settings (
    user_id           BLOB NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    server_id         BLOB NOT NULL REFERENCES servers(id) ON DELETE CASCADE,
    level             TEXT NOT NULL,
    muted_until       INTEGER,
    suppress_everyone INTEGER NOT NULL,
    PRIMARY KEY (user_id, server_id)
) WITHOUT ROWID;
CREATE INDEX server_notification_settings_by_server ON server_notification_settings(server_id);

CREATE TABLE channel_notification_settings (
    user_id     BLOB NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    channel_id  BLOB NOT NULL REFERENCES channels(id) ON DELETE CASCADE,
    server_id   BLOB NOT NULL,
    level       TEXT NOT NULL,
    muted_until INTEGER,
    PRIMARY KEY (user_id, channel_id)
) WITHOUT ROWID;
CREATE INDEX channel_notification_settings_by_channel ON channel_notification_settings(channel_id);

CREATE TABLE message_mentions (
    user_id    BLOB NOT NULL,
    channel_id BLOB NOT NULL,
    message_id BLOB NOT NULL,
    PRIMARY KEY (user_id, channel_id, message_id)
) WITHOUT ROWID;

-- `messages.mentions` is 16-byte ids end to end; a trigger cannot use a
-- recursive CTE, so it splits them by joining this table of slot numbers
-- (the core resolves at most 50 mentions per message; 100 slots).
CREATE TABLE mention_slots (n INTEGER PRIMARY KEY NOT NULL);
WITH RECURSIVE s(n) AS (SELECT 0 UNION ALL SELECT n + 1 FROM s WHERE n < 99)
INSERT INTO mention_slots (n) SELECT n FROM s;

INSERT OR IGNORE INTO message_mentions (user_id, channel_id, message_id)
SELECT substr(m.mentions, s.n * 16 + 1, 16), m.channel_id, m.id
FROM messages m JOIN mention_slots s ON s.n * 16 < length(m.mentions);

CREATE TRIGGER messages_mentions_insert AFTER INSERT ON messages
WHEN length(NEW.mentions) > 0
BEGIN
    INSERT OR IGNORE INTO message_mentions (user_id, channel_id, message_id)
    SELECT substr(NEW.mentions, n * 16 + 1, 16), NEW.channel_id, NEW.id
    FROM mention_slots WHERE n * 16 < length(NEW.mentions);
END;

CREATE TRIGGER messages_mentions_update AFTER UPDATE OF mentions ON messages
BEGIN
    DELETE FROM message_mentions
    WHERE channel_id = OLD.channel_id AND message_id = OLD.id
      AND user_id IN (SELECT substr(OLD.mentions, n * 16 + 1, 16)
                      FROM mention_slots WHERE n * 16 < length(OLD.mentions));
    INSERT OR IGNORE INTO message_mentions (user_id, channel_id, message_id)
    SELECT substr(NEW.mentions, n * 16 + 1, 16), NEW.channel_id, NEW.id
    FROM mention_slots WHERE n * 16 < length(NEW.mentions);
END;

CREATE TRIGGER messages_mentions_delete AFTER DELETE ON messages
WHEN length(OLD.mentions) > 0
BEGIN
    DELETE FROM message_mentions
    WHERE channel_id = OLD.channel_id AND message_id = OLD.id
      AND user_id IN (SELECT substr(OLD.mentions, n * 16 + 1, 16)
                      FROM mention_slots WHERE n * 16 < length(OLD.mentions));
END;
