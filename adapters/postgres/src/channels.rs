//! Channels of a server. Names are unique per server ignoring case through
//! `name_folded`, computed with `ChannelName::folded` so Unicode case
//! folding matches the other stores. Deleting a channel cascades to its
//! messages.

use async_trait::async_trait;
use chat_core::channels::{Channel, ChannelName, ChannelStore, Slowmode, Topic};
use chat_core::ids::{ChannelId, ServerId};
use chat_core::StoreResult;
use deadpool_postgres::GenericClient;
use tokio_postgres::Row;

use crate::rows::{all, col, first, parsed, time};
use crate::sql::execute;
use crate::PgStore;

/// The columns every read names (never `*`: a cached prepared statement
/// must not change shape when a later migration adds a column).
const COLUMNS: &str = "id, server_id, name, topic, position, created_at, slowmode_seconds";

/// The channels of the servers `ids`, in one query, each server's in
/// `channels_of` order (for `servers_overview`).
pub(crate) async fn channels_of_servers<C: GenericClient>(
    c: &C,
    ids: &[uuid::Uuid],
) -> StoreResult<Vec<Channel>> {
    let rows = crate::sql::query(
        c,
        &format!(
            "SELECT {COLUMNS} FROM channels WHERE server_id = ANY($1) \
             ORDER BY server_id, position, created_at, id"
        ),
        &[&ids],
    )
    .await?;
    all(&rows, channel)
}

pub(crate) fn channel(row: &Row) -> StoreResult<Channel> {
    Ok(Channel {
        id: ChannelId::from_uuid(col(row, "id")?),
        server_id: ServerId::from_uuid(col(row, "server_id")?),
        name: parsed("channel name", ChannelName::from_stored(col(row, "name")?))?,
        topic: parsed("topic", Topic::from_stored(col(row, "topic")?))?,
        position: col(row, "position")?,
        created_at: time(row, "created_at")?,
        slowmode: parsed(
            "slowmode_seconds",
            Slowmode::parse(col(row, "slowmode_seconds")?),
        )?,
    })
}

/// Stores a channel (a name clash is `Conflict(ChannelNameTaken)`).
pub(crate) async fn insert_channel<C: GenericClient>(c: &C, ch: &Channel) -> StoreResult<()> {
    execute(
        c,
        "INSERT INTO channels (id, server_id, name, name_folded, topic, position, created_at, \
         slowmode_seconds) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
        &[
            &ch.id.as_uuid(),
            &ch.server_id.as_uuid(),
            &ch.name.as_str(),
            &ch.name.folded(),
            &ch.topic.as_str(),
            &ch.position,
            &ch.created_at.millis(),
            &i64::from(ch.slowmode.seconds()),
        ],
    )
    .await?;
    Ok(())
}

#[async_trait]
impl ChannelStore for PgStore {
    async fn insert_channel(&self, channel: &Channel) -> StoreResult<()> {
        let client = self.client().await?;
        insert_channel(&client, channel).await
    }

    async fn channel_by_id(&self, id: ChannelId) -> StoreResult<Option<Channel>> {
        let rows = self
            .query(
                &format!("SELECT {COLUMNS} FROM channels WHERE id = $1"),
                &[&id.as_uuid()],
            )
            .await?;
        first(&rows, channel)
    }

    async fn channels_of(&self, server: ServerId) -> StoreResult<Vec<Channel>> {
        let rows = self
            .query(
                &format!("SELECT {COLUMNS} FROM channels WHERE server_id = $1 ORDER BY position, created_at, id"),
                &[&server.as_uuid()],
            )
            .await?;
        all(&rows, channel)
    }

    async fn update_channel(&self, channel: &Channel) -> StoreResult<bool> {
        let n = self
            .execute(
                "UPDATE channels SET name = $2, name_folded = $3, topic = $4, position = $5, \
                 slowmode_seconds = $6 WHERE id = $1",
                &[
                    &channel.id.as_uuid(),
                    &channel.name.as_str(),
                    &channel.name.folded(),
                    &channel.topic.as_str(),
                    &channel.position,
                    &i64::from(channel.slowmode.seconds()),
                ],
            )
            .await?;
        Ok(n > 0)
    }

    async fn delete_channel(&self, id: ChannelId) -> StoreResult<bool> {
        let n = self
            .execute("DELETE FROM channels WHERE id = $1", &[&id.as_uuid()])
            .await?;
        Ok(n > 0)
    }
}
