-- The first schema: every table of the product.
--
-- Ids are UUIDs stored as 16-byte big-endian BLOBs: byte order is UUID
-- order, so ordering by id orders by creation (UUID v7), and keys stay small.
-- Times are whole milliseconds since the epoch (INTEGER).
-- Foreign keys cascade where the domain says "everything in it goes".

CREATE TABLE users (
    id              BLOB PRIMARY KEY NOT NULL,
    username        TEXT NOT NULL,
    -- ASCII lower case (Username::folded): uniqueness ignoring case.
    username_folded TEXT NOT NULL UNIQUE,
    display_name    TEXT NOT NULL,
    bio             TEXT NOT NULL,
    status          TEXT NOT NULL,
    password_hash   TEXT NOT NULL,
    created_at      INTEGER NOT NULL
);

CREATE TABLE sessions (
    id         BLOB PRIMARY KEY NOT NULL,
    user_id    BLOB NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    created_at INTEGER NOT NULL,
    revoked    INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX sessions_by_user ON sessions(user_id);

-- One row per refresh token ever issued; `spent` ones stay to detect reuse.
CREATE TABLE refresh_tokens (
    hash       TEXT PRIMARY KEY NOT NULL,
    session_id BLOB NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
    expires_at INTEGER NOT NULL,
    spent      INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX refresh_tokens_by_session ON refresh_tokens(session_id);

-- owner_id has no foreign key: deleting a user never touches the servers
-- they own (the use case refuses while there are any).
CREATE TABLE servers (
    id          BLOB PRIMARY KEY NOT NULL,
    name        TEXT NOT NULL,
    description TEXT NOT NULL,
    owner_id    BLOB NOT NULL,
    created_at  INTEGER NOT NULL
);
CREATE INDEX servers_by_owner ON servers(owner_id);

CREATE TABLE members (
    server_id BLOB NOT NULL REFERENCES servers(id) ON DELETE CASCADE,
    user_id   BLOB NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    role      TEXT NOT NULL,
    joined_at INTEGER NOT NULL,
    PRIMARY KEY (server_id, user_id)
);
CREATE INDEX members_by_user ON members(user_id);

CREATE TABLE channels (
    id          BLOB PRIMARY KEY NOT NULL,
    server_id   BLOB NOT NULL REFERENCES servers(id) ON DELETE CASCADE,
    name        TEXT NOT NULL,
    -- Unicode lower case (ChannelName::folded), computed in Rust.
    name_folded TEXT NOT NULL,
    topic       TEXT NOT NULL,
    position    INTEGER NOT NULL,
    created_at  INTEGER NOT NULL
);
CREATE UNIQUE INDEX channels_name_per_server ON channels(server_id, name_folded);

-- Messages go with their channel (and so with their server) and with their
-- author. server_id is denormalised for reading and needs no foreign key:
-- the channel's cascade already removes a server's messages.
CREATE TABLE messages (
    id         BLOB PRIMARY KEY NOT NULL,
    channel_id BLOB NOT NULL REFERENCES channels(id) ON DELETE CASCADE,
    server_id  BLOB NOT NULL,
    author_id  BLOB NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    content    TEXT NOT NULL,
    -- The mentioned user ids, 16 bytes each, in order of first mention.
    mentions   BLOB NOT NULL,
    created_at INTEGER NOT NULL,
    edited_at  INTEGER,
    nonce      TEXT
);
CREATE INDEX messages_history ON messages(channel_id, id);
CREATE INDEX messages_by_author ON messages(author_id);
CREATE UNIQUE INDEX messages_nonce ON messages(author_id, nonce) WHERE nonce IS NOT NULL;

-- created_by has no foreign key: an invite outlives the admin who made it.
CREATE TABLE invites (
    code       TEXT PRIMARY KEY NOT NULL,
    server_id  BLOB NOT NULL REFERENCES servers(id) ON DELETE CASCADE,
    created_by BLOB NOT NULL,
    created_at INTEGER NOT NULL,
    expires_at INTEGER,
    max_uses   INTEGER,
    uses       INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX invites_by_server ON invites(server_id, created_at);

-- One ban per user and server; banned_by has no foreign key, for the same
-- reason as invites.created_by.
CREATE TABLE bans (
    server_id  BLOB NOT NULL REFERENCES servers(id) ON DELETE CASCADE,
    user_id    BLOB NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    reason     TEXT,
    banned_by  BLOB NOT NULL,
    created_at INTEGER NOT NULL,
    expires_at INTEGER,
    PRIMARY KEY (server_id, user_id)
);
CREATE INDEX bans_by_user ON bans(user_id);
