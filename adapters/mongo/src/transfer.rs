//! Whole-database walks for `chat-server migrate`: users, servers and
//! attachments in `_id` order (UUID v7 text orders by creation), a user's
//! read markers, and memberships stored as given (the unique
//! `(server_id, user_id)` index refuses a second).

use async_trait::async_trait;
use chat_core::attachments::Attachment;
use chat_core::ids::{AttachmentId, ChannelId, MessageId, ServerId, UserId};
use chat_core::members::Member;
use chat_core::reads::NotificationSettings;
use chat_core::servers::Server;
use chat_core::transfer::TransferStore;
use chat_core::users::User;
use chat_core::StoreResult;
use std::collections::HashSet;

use futures::TryStreamExt;
use mongodb::bson::{doc, Bson, Document};
use uuid::Uuid;

use crate::codec::{id_text, Fields};
use crate::error::{backend, is_duplicate_key, Context};
use crate::indexes::names::{
    ATTACHMENTS, CHANNELS, CHANNEL_NOTIFICATIONS, MEMBERSHIPS, READ_STATES, SERVERS,
    SERVER_NOTIFICATIONS, USERS,
};
use crate::{attachments, find_all, members, reads, servers, users, MongoStore};

impl MongoStore {
    /// Up to `limit` documents of `collection` with `_id` above `after`.
    async fn page_after(
        &self,
        collection: &str,
        after: Option<Uuid>,
        limit: u32,
    ) -> StoreResult<Vec<Document>> {
        let filter = match after {
            Some(a) => doc! { "_id": { "$gt": id_text(a) } },
            None => doc! {},
        };
        let cursor = self
            .collection(collection)
            .find(filter)
            .sort(doc! { "_id": 1 })
            .limit(i64::from(limit))
            .await
            .context("reading a page for a copy")?;
        cursor
            .try_collect()
            .await
            .context("reading a page for a copy")
    }
}

impl MongoStore {
    /// Which of these `_id`s are in `collection`.
    pub(crate) async fn existing_ids(
        &self,
        collection: &'static str,
        ids: Vec<Bson>,
    ) -> StoreResult<HashSet<String>> {
        if ids.is_empty() {
            return Ok(HashSet::new());
        }
        find_all(
            &self.collection(collection),
            doc! { "_id": { "$in": ids } },
            doc! {},
            "checking which records exist",
        )
        .await?
        .iter()
        .map(|d| Fields::new(d, collection).str("_id").map(str::to_owned))
        .collect()
    }

    /// The user's documents of a settings collection, in `order`.
    async fn settings_docs(
        &self,
        collection: &str,
        user: UserId,
        order: &str,
    ) -> StoreResult<Vec<Document>> {
        find_all(
            &self.collection(collection),
            doc! { "user_id": id_text(user.as_uuid()) },
            doc! { order: 1 },
            "reading stored notification settings",
        )
        .await
    }
}

fn id_bson(id: uuid::Uuid) -> Bson {
    Bson::String(id_text(id))
}

#[async_trait]
impl TransferStore for MongoStore {
    async fn users_after(&self, after: Option<UserId>, limit: u32) -> StoreResult<Vec<User>> {
        let docs = self
            .page_after(USERS, after.map(|a| a.as_uuid()), limit)
            .await?;
        docs.iter().map(users::from_doc).collect()
    }

    async fn servers_after(&self, after: Option<ServerId>, limit: u32) -> StoreResult<Vec<Server>> {
        let docs = self
            .page_after(SERVERS, after.map(|a| a.as_uuid()), limit)
            .await?;
        docs.iter().map(servers::from_doc).collect()
    }

    async fn insert_member(&self, member: &Member) -> StoreResult<bool> {
        match self
            .collection(MEMBERSHIPS)
            .insert_one(members::to_doc(member))
            .await
        {
            Ok(_) => Ok(true),
            Err(e) if is_duplicate_key(&e) => Ok(false),
            Err(e) => Err(backend("inserting a membership", e)),
        }
    }

    async fn attachments_after(
        &self,
        after: Option<AttachmentId>,
        limit: u32,
    ) -> StoreResult<Vec<Attachment>> {
        let docs = self
            .page_after(ATTACHMENTS, after.map(|a| a.as_uuid()), limit)
            .await?;
        docs.iter().map(attachments::from_doc).collect()
    }

    async fn read_markers_of(&self, user: UserId) -> StoreResult<Vec<(ChannelId, MessageId)>> {
        let docs = find_all(
            &self.collection(READ_STATES),
            doc! { "user_id": id_text(user.as_uuid()) },
            doc! { "channel_id": 1 },
            "reading a user's read markers",
        )
        .await?;
        docs.iter()
            .map(|d| {
                let f = Fields::new(d, READ_STATES);
                Ok((f.id("channel_id")?, f.id("last_read")?))
            })
            .collect()
    }

    async fn stored_notification_settings(
        &self,
        user: UserId,
    ) -> StoreResult<NotificationSettings> {
        // Nothing deletes settings with their server or channel here:
        // keep only those of places that exist.
        let servers = self
            .settings_docs(SERVER_NOTIFICATIONS, user, "server_id")
            .await?
            .iter()
            .map(reads::server_settings)
            .collect::<StoreResult<Vec<_>>>()?;
        let channels = self
            .settings_docs(CHANNEL_NOTIFICATIONS, user, "channel_id")
            .await?
            .iter()
            .map(reads::channel_settings)
            .collect::<StoreResult<Vec<_>>>()?;
        let ids = servers.iter().map(|s| id_bson(s.server_id.as_uuid()));
        let live_servers = self.existing_ids(SERVERS, ids.collect()).await?;
        let ids = channels.iter().map(|c| id_bson(c.channel_id.as_uuid()));
        let live_channels = self.existing_ids(CHANNELS, ids.collect()).await?;
        Ok(NotificationSettings {
            servers: servers
                .into_iter()
                .filter(|s| live_servers.contains(&id_text(s.server_id.as_uuid())))
                .collect(),
            channels: channels
                .into_iter()
                .filter(|c| live_channels.contains(&id_text(c.channel_id.as_uuid())))
                .collect(),
        })
    }
}
