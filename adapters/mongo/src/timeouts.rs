//! Timeouts: the `timeouts` collection, one document per `(server_id,
//! user_id)` (a unique index), replaced by a new timeout and kept when the
//! member leaves.

use async_trait::async_trait;
use chat_core::ids::{ServerId, UserId};
use chat_core::moderation::TimeoutStore;
use chat_core::{StoreResult, Timestamp};
use mongodb::bson::doc;

use crate::codec::{id_text, Fields};
use crate::error::{backend, is_duplicate_key, Context};
use crate::indexes::names::TIMEOUTS;
use crate::{find_all, members, MongoStore};

#[async_trait]
impl TimeoutStore for MongoStore {
    async fn set_timeout(
        &self,
        server: ServerId,
        user: UserId,
        until: Timestamp,
    ) -> StoreResult<()> {
        let filter = members::key(server, user);
        let mut document = filter.clone();
        document.insert("until", until.millis());
        // As with bans: of two concurrent upserts one may hit the unique
        // index; its second try then replaces.
        for attempt in 0..2 {
            let result = self
                .collection(TIMEOUTS)
                .replace_one(filter.clone(), document.clone())
                .upsert(true)
                .await;
            match result {
                Ok(_) => return Ok(()),
                Err(e) if attempt == 0 && is_duplicate_key(&e) => continue,
                Err(e) => return Err(backend("writing a timeout", e)),
            }
        }
        Ok(())
    }

    async fn timeout_until(
        &self,
        server: ServerId,
        user: UserId,
        now: Timestamp,
    ) -> StoreResult<Option<Timestamp>> {
        let found = self
            .collection(TIMEOUTS)
            .find_one(members::key(server, user))
            .await
            .context("reading a timeout")?;
        let until = match &found {
            Some(d) => Some(Fields::new(d, TIMEOUTS).time("until")?),
            None => None,
        };
        Ok(until.filter(|t| now < *t))
    }

    async fn timeouts_of(
        &self,
        server: ServerId,
        now: Timestamp,
    ) -> StoreResult<Vec<(UserId, Timestamp)>> {
        let docs = find_all(
            &self.collection(TIMEOUTS),
            doc! { "server_id": id_text(server.as_uuid()), "until": { "$gt": now.millis() } },
            doc! { "_id": 1 },
            "reading a server's timeouts",
        )
        .await?;
        docs.iter()
            .map(|d| {
                let f = Fields::new(d, TIMEOUTS);
                Ok((f.id("user_id")?, f.time("until")?))
            })
            .collect()
    }

    async fn clear_timeout(&self, server: ServerId, user: UserId) -> StoreResult<bool> {
        let result = self
            .collection(TIMEOUTS)
            .delete_one(members::key(server, user))
            .await
            .context("lifting a timeout")?;
        Ok(result.deleted_count > 0)
    }
}
