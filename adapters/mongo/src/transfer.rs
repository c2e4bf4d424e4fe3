//! Whole-database walks for `chat-server migrate`: users, servers and
//! attachments in `_id` order (UUID v7 text orders by creation), a user's
//! read markers, and memberships stored as given (the unique
//! `(server_id, user_id)` index refuses a second).

use async_trait::async_trait;
use chat_core::attachments::Attachment;
use chat_core::ids::{AttachmentId, ChannelId, MessageId, ServerId, UserId};
use chat_core::members::Member;
use chat_core::servers::Server;
use chat_core::transfer::TransferStore;
use chat_core::users::User;
use chat_core::StoreResult;
use futures::TryStreamExt;
use mongodb::bson::{doc, Document};
use uuid::Uuid;

use crate::codec::{id_text, Fields};
use crate::error::{backend, is_duplicate_key, Context};
use crate::indexes::names::{ATTACHMENTS, MEMBERSHIPS, READ_STATES, SERVERS, USERS};
use crate::{attachments, find_all, members, servers, users, MongoStore};

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
}
