//! Whole-database walks for `chat-server migrate`: users and servers in
//! `_id` order (UUID v7 text orders by creation), and memberships stored
//! as given (the unique `(server_id, user_id)` index refuses a second).

use async_trait::async_trait;
use chat_core::ids::{ServerId, UserId};
use chat_core::members::Member;
use chat_core::servers::Server;
use chat_core::transfer::TransferStore;
use chat_core::users::User;
use chat_core::StoreResult;
use futures::TryStreamExt;
use mongodb::bson::{doc, Document};
use uuid::Uuid;

use crate::codec::id_text;
use crate::error::{backend, is_duplicate_key, Context};
use crate::indexes::names::{MEMBERSHIPS, SERVERS, USERS};
use crate::{members, servers, users, MongoStore};

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
}
