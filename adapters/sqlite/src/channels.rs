//! Channels (`channels` table). Name uniqueness per server ignoring case is
//! a unique index on `name_folded`, folded in Rust (`ChannelName::folded`,
//! full Unicode lower case, which SQLite's `lower()` does not do).

use async_trait::async_trait;
use chat_core::channels::{Channel, ChannelName, ChannelStore, Slowmode, Topic};
use chat_core::ids::{ChannelId, ServerId, UserId};
use chat_core::{Conflict, StoreResult, Timestamp};
use rusqlite::{params, Connection, OptionalExtension, Row};

use crate::codec::{invalid, parsed};
use crate::db::{execute, read, write};
use crate::error::{backend, unique_or_backend};
use crate::SqliteStore;

macro_rules! channel_columns {
    () => {
        "id, server_id, name, topic, position, created_at, slowmode_seconds"
    };
}

/// The column whose uniqueness violation means "name taken".
const NAME_INDEX: &str = "channels.name_folded";

pub(crate) fn channel_from_row(row: &Row<'_>) -> rusqlite::Result<Channel> {
    Ok(Channel {
        id: ChannelId::from_uuid(row.get(0)?),
        server_id: ServerId::from_uuid(row.get(1)?),
        name: parsed(row, 2, ChannelName::from_stored)?,
        topic: parsed(row, 3, Topic::from_stored)?,
        position: row.get(4)?,
        created_at: Timestamp::from_millis(row.get(5)?),
        slowmode: Slowmode::parse(row.get(6)?).map_err(|e| invalid(6, e))?,
    })
}

/// The channels of every server `user` is a member of, in one query, each
/// server's in `channels_of` order (for `servers_overview`).
pub(crate) fn channels_of_user(conn: &Connection, user: UserId) -> rusqlite::Result<Vec<Channel>> {
    conn.prepare_cached(concat!(
        "SELECT ",
        channel_columns!(),
        " FROM channels WHERE server_id IN (SELECT server_id FROM members WHERE user_id = ?1)
          ORDER BY server_id, position, created_at, id"
    ))
    .and_then(|mut st| st.query_map([user.as_uuid()], channel_from_row)?.collect())
}

/// Stores a channel (inside the caller's transaction, if any).
pub(crate) fn insert_channel(conn: &Connection, c: &Channel) -> StoreResult<()> {
    conn.prepare_cached(
        "INSERT INTO channels (id, server_id, name, name_folded, topic, position, created_at,
                               slowmode_seconds)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
    )
    .and_then(|mut st| {
        st.execute(params![
            c.id.as_uuid(),
            c.server_id.as_uuid(),
            c.name.as_str(),
            c.name.folded(),
            c.topic.as_str(),
            c.position,
            c.created_at.millis(),
            c.slowmode.seconds(),
        ])
    })
    .map(|_| ())
    .map_err(|e| unique_or_backend(e, NAME_INDEX, Conflict::ChannelNameTaken))
}

#[async_trait]
impl ChannelStore for SqliteStore {
    async fn insert_channel(&self, channel: &Channel) -> StoreResult<()> {
        let c = channel.clone();
        write(&self.db, move |conn| insert_channel(conn, &c)).await
    }

    async fn channel_by_id(&self, id: ChannelId) -> StoreResult<Option<Channel>> {
        read(&self.db, move |conn| {
            conn.prepare_cached(concat!(
                "SELECT ",
                channel_columns!(),
                " FROM channels WHERE id = ?1"
            ))
            .and_then(|mut st| st.query_row([id.as_uuid()], channel_from_row).optional())
            .map_err(backend)
        })
        .await
    }

    async fn channels_of(&self, server: ServerId) -> StoreResult<Vec<Channel>> {
        read(&self.db, move |conn| {
            conn.prepare_cached(concat!(
                "SELECT ",
                channel_columns!(),
                " FROM channels WHERE server_id = ?1 ORDER BY position, created_at, id"
            ))
            .and_then(|mut st| {
                st.query_map([server.as_uuid()], channel_from_row)?
                    .collect()
            })
            .map_err(backend)
        })
        .await
    }

    async fn update_channel(&self, channel: &Channel) -> StoreResult<bool> {
        let c = channel.clone();
        write(&self.db, move |conn| {
            conn.prepare_cached(
                "UPDATE channels SET name = ?2, name_folded = ?3, topic = ?4, position = ?5,
                                     slowmode_seconds = ?6
                 WHERE id = ?1",
            )
            .and_then(|mut st| {
                st.execute(params![
                    c.id.as_uuid(),
                    c.name.as_str(),
                    c.name.folded(),
                    c.topic.as_str(),
                    c.position,
                    c.slowmode.seconds(),
                ])
            })
            .map(|n| n > 0)
            .map_err(|e| unique_or_backend(e, NAME_INDEX, Conflict::ChannelNameTaken))
        })
        .await
    }

    async fn delete_channel(&self, id: ChannelId) -> StoreResult<bool> {
        // Its messages go by ON DELETE CASCADE in this one statement.
        write(&self.db, move |conn| {
            execute(conn, "DELETE FROM channels WHERE id = ?1", [id.as_uuid()]).map(|n| n > 0)
        })
        .await
    }
}
