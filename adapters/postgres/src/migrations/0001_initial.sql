-- The whole schema of the chat store, version 1.
-- Ids are native `uuid` (compared bytewise, so UUID v7 order is creation
-- order); times are `bigint` milliseconds since the epoch, like the core's
-- `Timestamp`. Case-insensitive uniqueness uses "folded" columns computed in
-- Rust, so every store folds Unicode exactly alike.

CREATE TABLE users (
    id              uuid PRIMARY KEY,
    username        text NOT NULL,
    username_folded text NOT NULL,
    display_name    text NOT NULL,
    bio             text NOT NULL,
    status          text NOT NULL,
    password_hash   text NOT NULL,
    created_at      bigint NOT NULL,
    CONSTRAINT users_username_folded_key UNIQUE (username_folded)
);

CREATE TABLE sessions (
    id         uuid PRIMARY KEY,
    user_id    uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at bigint NOT NULL,
    revoked    boolean NOT NULL DEFAULT false
);
CREATE INDEX sessions_by_user ON sessions (user_id);

CREATE TABLE refresh_tokens (
    hash       text PRIMARY KEY,
    session_id uuid NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
    expires_at bigint NOT NULL,
    spent      boolean NOT NULL DEFAULT false
);
CREATE INDEX refresh_tokens_by_session ON refresh_tokens (session_id);

-- owner_id has no foreign key: deleting a user leaves their servers alone
-- (the use case refuses while they own any).
CREATE TABLE servers (
    id          uuid PRIMARY KEY,
    name        text NOT NULL,
    description text NOT NULL,
    owner_id    uuid NOT NULL,
    created_at  bigint NOT NULL
);
CREATE INDEX servers_by_owner ON servers (owner_id);

-- seq breaks ties between rows of the same millisecond: insertion order.
CREATE TABLE members (
    server_id uuid NOT NULL REFERENCES servers (id) ON DELETE CASCADE,
    user_id   uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    role      text NOT NULL,
    joined_at bigint NOT NULL,
    seq       bigserial NOT NULL,
    PRIMARY KEY (server_id, user_id)
);
CREATE INDEX members_by_user ON members (user_id);

CREATE TABLE channels (
    id          uuid PRIMARY KEY,
    server_id   uuid NOT NULL REFERENCES servers (id) ON DELETE CASCADE,
    name        text NOT NULL,
    name_folded text NOT NULL,
    topic       text NOT NULL,
    position    bigint NOT NULL,
    created_at  bigint NOT NULL,
    CONSTRAINT channels_server_name_key UNIQUE (server_id, name_folded)
);

-- server_id is kept for reads but has no foreign key: the channel's cascade
-- already removes a deleted server's messages, and a second key would need
-- a second index on a large table.
CREATE TABLE messages (
    id         uuid PRIMARY KEY,
    channel_id uuid NOT NULL REFERENCES channels (id) ON DELETE CASCADE,
    server_id  uuid NOT NULL,
    author_id  uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    content    text NOT NULL,
    mentions   uuid[] NOT NULL,
    created_at bigint NOT NULL,
    edited_at  bigint,
    nonce      text
);
-- History pages: newest below an id, in one channel.
CREATE INDEX messages_by_channel ON messages (channel_id, id);
-- One message per (author, nonce). NULLs are distinct in a unique index, so
-- messages without a nonce never clash, and the same index serves lookups by
-- author (the cascade when a user is deleted).
CREATE UNIQUE INDEX messages_author_nonce_key ON messages (author_id, nonce);

CREATE TABLE invites (
    code       text PRIMARY KEY,
    server_id  uuid NOT NULL REFERENCES servers (id) ON DELETE CASCADE,
    created_by uuid NOT NULL,
    created_at bigint NOT NULL,
    expires_at bigint,
    max_uses   bigint,
    uses       bigint NOT NULL DEFAULT 0,
    seq        bigserial NOT NULL
);
CREATE INDEX invites_by_server ON invites (server_id);

CREATE TABLE bans (
    server_id  uuid NOT NULL REFERENCES servers (id) ON DELETE CASCADE,
    user_id    uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    reason     text,
    banned_by  uuid NOT NULL,
    created_at bigint NOT NULL,
    expires_at bigint,
    seq        bigserial NOT NULL,
    PRIMARY KEY (server_id, user_id)
);
CREATE INDEX bans_by_user ON bans (user_id);
