-- Direct messages (DMs and groups), blocks and DM policies.
--
-- A direct channel is a row of `channels` (so messages, reactions, pins and
-- read markers work unchanged) under a stand-in server whose id is the nil
-- UUID (ServerId::DIRECT): no one is a member of it, so every server-based
-- check finds nothing. Its name_folded is the channel id, so names never
-- clash between direct channels.
INSERT INTO servers (id, name, description, owner_id, created_at)
VALUES ('00000000-0000-0000-0000-000000000000', 'direct messages', '', '00000000-0000-0000-0000-000000000000', 0);

-- What only direct channels have. pair_key ("smaller id:larger id") makes
-- the DM of a pair unique; NULL for groups (NULLs never clash).
CREATE TABLE direct_channels (
    channel_id uuid PRIMARY KEY REFERENCES channels (id) ON DELETE CASCADE,
    kind       TEXT NOT NULL,
    owner_id   uuid,
    pair_key   TEXT UNIQUE
);

CREATE TABLE direct_participants (
    channel_id uuid NOT NULL REFERENCES direct_channels (channel_id) ON DELETE CASCADE,
    user_id    uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    joined_at  bigint NOT NULL,
    PRIMARY KEY (channel_id, user_id)
);
CREATE INDEX direct_participants_by_user ON direct_participants(user_id);

CREATE TABLE blocks (
    user_id    uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    blocked_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at bigint NOT NULL,
    PRIMARY KEY (user_id, blocked_id)
);
CREATE INDEX blocks_by_blocked ON blocks(blocked_id);

CREATE TABLE dm_policies (
    user_id uuid PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    policy  TEXT NOT NULL
);
