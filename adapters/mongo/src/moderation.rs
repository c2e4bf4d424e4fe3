//! Bans: the `bans` collection, one document per `(server_id, user_id)`
//! (a unique index). A ban is written before the membership is removed, so
//! an interrupted ban never leaves the user inside without a ban; repeating
//! it finishes it.
//!
//! Against a racing join (no multi-document transactions): the join
//! inserts the membership, then reads the ban again and takes itself back
//! out if one is there (`invites.rs`). Each single-document operation is
//! atomic, so either that re-read misses the ban — then the ban was
//! written after the membership, and this removal, which follows the ban
//! write, finds the membership and reports it — or it sees the ban and the
//! join answers `Banned`. The user is never left a member next to a ban.

use async_trait::async_trait;
use chat_core::ids::{ServerId, UserId};
use chat_core::members::MemberStore;
use chat_core::moderation::{Ban, BanReason, BanStore};
use chat_core::time::Timestamp;
use chat_core::StoreResult;
use mongodb::bson::{doc, Bson, Document};

use crate::codec::{id_text, opt_millis, Fields};
use crate::error::{backend, is_duplicate_key, Context};
use crate::indexes::names::BANS;
use crate::{find_all, members, MongoStore};

fn to_doc(ban: &Ban) -> Document {
    doc! {
        "server_id": id_text(ban.server_id.as_uuid()),
        "user_id": id_text(ban.user_id.as_uuid()),
        "reason": ban.reason.as_ref().map_or(Bson::Null, |r| Bson::String(r.as_str().to_owned())),
        "banned_by": id_text(ban.banned_by.as_uuid()),
        "created_at": ban.created_at.millis(),
        "expires_at": opt_millis(ban.expires_at),
    }
}

fn from_doc(doc: &Document) -> StoreResult<Ban> {
    let f = Fields::new(doc, BANS);
    let reason = f
        .opt_str("reason")?
        .map(|r| BanReason::from_stored(r).map_err(|e| f.invalid("reason", e)))
        .transpose()?;
    Ok(Ban {
        server_id: f.id("server_id")?,
        user_id: f.id("user_id")?,
        reason,
        banned_by: f.id("banned_by")?,
        created_at: f.time("created_at")?,
        expires_at: f.opt_time("expires_at")?,
    })
}

impl MongoStore {
    /// Writes the ban, replacing an earlier one.
    async fn upsert_ban(&self, ban: &Ban) -> StoreResult<()> {
        let filter = members::key(ban.server_id, ban.user_id);
        // Two concurrent upserts of one key can both try to insert; the
        // loser gets a duplicate key, and a second try then replaces.
        for attempt in 0..2 {
            let result = self
                .collection(BANS)
                .replace_one(filter.clone(), to_doc(ban))
                .upsert(true)
                .await;
            match result {
                Ok(_) => return Ok(()),
                Err(e) if attempt == 0 && is_duplicate_key(&e) => continue,
                Err(e) => return Err(backend("writing a ban", e)),
            }
        }
        Ok(())
    }
}

#[async_trait]
impl BanStore for MongoStore {
    async fn ban(&self, ban: &Ban) -> StoreResult<bool> {
        self.upsert_ban(ban).await?;
        self.remove_member(ban.server_id, ban.user_id).await
    }

    async fn active_ban(
        &self,
        server: ServerId,
        user: UserId,
        now: Timestamp,
    ) -> StoreResult<Option<Ban>> {
        let found = self
            .collection(BANS)
            .find_one(members::key(server, user))
            .await
            .context("reading a ban")?;
        let ban = found.as_ref().map(from_doc).transpose()?;
        Ok(ban.filter(|b| b.is_active(now)))
    }

    async fn bans_of(&self, server: ServerId, now: Timestamp) -> StoreResult<Vec<Ban>> {
        let docs = find_all(
            &self.collection(BANS),
            doc! { "server_id": id_text(server.as_uuid()) },
            doc! { "created_at": 1, "_id": 1 },
            "reading a server's bans",
        )
        .await?;
        let bans = docs.iter().map(from_doc).collect::<StoreResult<Vec<_>>>()?;
        Ok(bans.into_iter().filter(|b| b.is_active(now)).collect())
    }

    async fn unban(&self, server: ServerId, user: UserId) -> StoreResult<bool> {
        let result = self
            .collection(BANS)
            .delete_one(members::key(server, user))
            .await
            .context("lifting a ban")?;
        Ok(result.deleted_count > 0)
    }
}
