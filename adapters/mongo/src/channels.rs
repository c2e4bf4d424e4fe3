//! Channels: the `channels` collection. A unique index over
//! `(server_id, name_folded)` keeps names unique ignoring case, with the
//! fold that `ChannelName::folded` defines.

use async_trait::async_trait;
use chat_core::channels::{Channel, ChannelName, ChannelStore, Slowmode, Topic};
use chat_core::ids::{ChannelId, ServerId};
use chat_core::{Conflict, StoreResult};
use mongodb::bson::{doc, Document};

use crate::codec::{id_text, Fields};
use crate::error::{unique, Context};
use crate::indexes::names::{CHANNELS, MESSAGES, REACTIONS};
use crate::{find_all, MongoStore};

pub(crate) fn to_doc(channel: &Channel) -> Document {
    doc! {
        "_id": id_text(channel.id.as_uuid()),
        "server_id": id_text(channel.server_id.as_uuid()),
        "name": channel.name.as_str(),
        "name_folded": channel.name.folded(),
        "topic": channel.topic.as_str(),
        "position": channel.position,
        "created_at": channel.created_at.millis(),
        "slowmode_seconds": i64::from(channel.slowmode.seconds()),
    }
}

/// The channels of the servers `ids` (as stored, `id_text`), in one
/// query, each server's in `channels_of` order (for `servers_overview`).
pub(crate) async fn channels_of_servers(
    store: &MongoStore,
    ids: Vec<mongodb::bson::Bson>,
) -> StoreResult<Vec<Channel>> {
    let docs = find_all(
        &store.collection(CHANNELS),
        doc! { "server_id": { "$in": ids } },
        doc! { "position": 1, "created_at": 1, "_id": 1 },
        "reading the channels of a user's servers",
    )
    .await?;
    docs.iter().map(channel_from_doc).collect()
}

pub(crate) fn channel_from_doc(doc: &Document) -> StoreResult<Channel> {
    let f = Fields::new(doc, CHANNELS);
    Ok(Channel {
        id: f.id("_id")?,
        server_id: f.id("server_id")?,
        name: ChannelName::from_stored(f.str("name")?).map_err(|e| f.invalid("name", e))?,
        topic: Topic::from_stored(f.str("topic")?).map_err(|e| f.invalid("topic", e))?,
        position: f.i64("position")?,
        created_at: f.time("created_at")?,
        // Absent in documents written before slow mode existed: off.
        slowmode: Slowmode::parse(f.opt_i64("slowmode_seconds")?.unwrap_or(0))
            .map_err(|e| f.invalid("slowmode_seconds", e))?,
    })
}

fn by_id(id: ChannelId) -> Document {
    doc! { "_id": id_text(id.as_uuid()) }
}

impl MongoStore {
    /// Deletes the messages of the given channels (before the channels
    /// themselves, so an interrupted delete leaves nothing unreachable).
    pub(crate) async fn delete_messages_of_channels(&self, channels: &[String]) -> StoreResult<()> {
        if channels.is_empty() {
            return Ok(());
        }
        self.collection(REACTIONS)
            .delete_many(doc! { "channel_id": { "$in": channels } })
            .await
            .context("deleting the reactions of channels")?;
        self.collection(MESSAGES)
            .delete_many(doc! { "channel_id": { "$in": channels } })
            .await
            .context("deleting the messages of channels")?;
        Ok(())
    }

    /// The ids (as stored) of the server's channels.
    pub(crate) async fn channel_ids_of(&self, server: ServerId) -> StoreResult<Vec<String>> {
        let channels = self.channels_of(server).await?;
        Ok(channels.iter().map(|c| id_text(c.id.as_uuid())).collect())
    }
}

#[async_trait]
impl ChannelStore for MongoStore {
    async fn insert_channel(&self, channel: &Channel) -> StoreResult<()> {
        self.collection(CHANNELS)
            .insert_one(to_doc(channel))
            .await
            .map(drop)
            .map_err(|e| unique("inserting a channel", Conflict::ChannelNameTaken, e))
    }

    async fn channel_by_id(&self, id: ChannelId) -> StoreResult<Option<Channel>> {
        let found = self
            .collection(CHANNELS)
            .find_one(by_id(id))
            .await
            .context("reading a channel")?;
        found.as_ref().map(channel_from_doc).transpose()
    }

    async fn channels_of(&self, server: ServerId) -> StoreResult<Vec<Channel>> {
        let docs = find_all(
            &self.collection(CHANNELS),
            doc! { "server_id": id_text(server.as_uuid()) },
            doc! { "position": 1, "created_at": 1, "_id": 1 },
            "reading a server's channels",
        )
        .await?;
        docs.iter().map(channel_from_doc).collect()
    }

    async fn update_channel(&self, channel: &Channel) -> StoreResult<bool> {
        let set = doc! { "$set": {
            "name": channel.name.as_str(),
            "name_folded": channel.name.folded(),
            "topic": channel.topic.as_str(),
            "position": channel.position,
            "slowmode_seconds": i64::from(channel.slowmode.seconds()),
        } };
        let result = self
            .collection(CHANNELS)
            .update_one(by_id(channel.id), set)
            .await
            .map_err(|e| unique("updating a channel", Conflict::ChannelNameTaken, e))?;
        Ok(result.matched_count > 0)
    }

    async fn delete_channel(&self, id: ChannelId) -> StoreResult<bool> {
        self.delete_messages_of_channels(&[id_text(id.as_uuid())])
            .await?;
        let result = self
            .collection(CHANNELS)
            .delete_one(by_id(id))
            .await
            .context("deleting a channel")?;
        Ok(result.deleted_count > 0)
    }
}
