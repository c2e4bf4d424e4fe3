//! Invites: the `invites` collection, keyed by code, and their uses in
//! `invite_uses`.
//!
//! Joining without a transaction: each use is a claim (see claims.rs) on a
//! numbered slot, `"<code>:<n>"` with `n` below `max_uses`, so concurrent
//! joins never take more uses than there are slots. (A conditional `$inc`
//! would do on MongoDB, but FerretDB 1.x applies updates as read-then-write
//! and loses increments.) An invite's `uses` is the number it was stored
//! with plus its claimed slots. The membership is inserted after the slot
//! is taken; the unique `(server_id, user_id)` index stops a double join,
//! and the slot is then given back. A last look for a ban closes the race
//! with a concurrent ban, which writes the ban before removing the
//! membership.

use std::collections::{BTreeSet, HashMap};

use async_trait::async_trait;
use chat_core::ids::{InviteCode, ServerId, UserId};
use chat_core::invites::{Invite, InviteStore, JoinOutcome};
use chat_core::members::{Member, MemberStore};
use chat_core::moderation::BanStore;
use chat_core::time::Timestamp;
use chat_core::{StoreError, StoreResult};
use mongodb::bson::{doc, Bson, Document};
use uuid::Uuid;

use crate::codec::{id_text, opt_millis, Fields};
use crate::error::{is_duplicate_key, Context};
use crate::indexes::names::{INVITES, INVITE_USES, MEMBERSHIPS};
use crate::{find_all, members, MongoStore};

/// How many slots one join tries before giving up (only reachable under
/// heavy contention on one invite).
const SLOT_ATTEMPTS: usize = 64;

fn to_doc(invite: &Invite) -> Document {
    doc! {
        "_id": invite.code.as_str(),
        "server_id": id_text(invite.server_id.as_uuid()),
        "created_by": id_text(invite.created_by.as_uuid()),
        "created_at": invite.created_at.millis(),
        "expires_at": opt_millis(invite.expires_at),
        "max_uses": invite.max_uses.map_or(Bson::Null, |n| Bson::Int64(i64::from(n))),
        // Uses counted before the invite was stored; later ones are slots.
        "base_uses": i64::from(invite.uses),
    }
}

/// The invite, with `uses` = stored base + `claimed` slots.
fn from_doc(doc: &Document, claimed: u32) -> StoreResult<Invite> {
    let f = Fields::new(doc, INVITES);
    Ok(Invite {
        code: InviteCode::parse(f.str("_id")?).map_err(|e| f.invalid("_id", e))?,
        server_id: f.id("server_id")?,
        created_by: f.id("created_by")?,
        created_at: f.time("created_at")?,
        expires_at: f.opt_time("expires_at")?,
        max_uses: f.opt_u32("max_uses")?,
        uses: f.u32("base_uses")?.saturating_add(claimed),
    })
}

fn slot_id(code: &InviteCode, slot: u32) -> String {
    format!("{code}:{slot}")
}

impl MongoStore {
    /// The slot numbers taken on the invite.
    async fn taken_slots(&self, code: &InviteCode) -> StoreResult<BTreeSet<u32>> {
        let docs = find_all(
            &self.collection(INVITE_USES),
            doc! { "code": code.as_str(), "slot": { "$ne": Bson::Null } },
            doc! { "_id": 1 },
            "reading an invite's used slots",
        )
        .await?;
        docs.iter()
            .map(|d| Fields::new(d, INVITE_USES).u32("slot"))
            .collect()
    }

    /// Free slots below `max`, lowest first (at most `SLOT_ATTEMPTS`).
    async fn free_slots(&self, code: &InviteCode, base: u32, max: u32) -> StoreResult<Vec<u32>> {
        let taken = self.taken_slots(code).await?;
        Ok((base..max)
            .filter(|n| !taken.contains(n))
            .take(SLOT_ATTEMPTS)
            .collect())
    }

    /// Takes one use of the invite: the `_id` of the claim that counts it,
    /// or `None` when every use is taken. An unlimited invite needs no
    /// slot numbers: any unique claim counts one use.
    async fn take_use(&self, invite: &Invite, user: UserId) -> StoreResult<Option<String>> {
        let use_doc = |id: &str, slot: Option<u32>| {
            doc! {
                "_id": id,
                "code": invite.code.as_str(),
                "slot": slot.map_or(Bson::Null, |n| Bson::Int64(i64::from(n))),
                "server_id": id_text(invite.server_id.as_uuid()),
                "user_id": id_text(user.as_uuid()),
            }
        };
        let Some(max) = invite.max_uses else {
            let id = format!("{}:{}", invite.code, Uuid::new_v4().simple());
            return match self.claim(INVITE_USES, use_doc(&id, None)).await? {
                true => Ok(Some(id)),
                false => Err(StoreError::Backend(
                    "mongodb: a random use id clashed".to_owned(),
                )),
            };
        };
        let mut attempts = 0;
        while attempts < SLOT_ATTEMPTS {
            let free = self.free_slots(&invite.code, invite.uses, max).await?;
            if free.is_empty() {
                return Ok(None);
            }
            for slot in free {
                attempts += 1;
                let id = slot_id(&invite.code, slot);
                if self.claim(INVITE_USES, use_doc(&id, Some(slot))).await? {
                    return Ok(Some(id));
                }
            }
        }
        Err(StoreError::Backend(format!(
            "mongodb: joining through invite {}: no free use slot after {SLOT_ATTEMPTS} tries",
            invite.code
        )))
    }

    /// Gives back a use taken for a join that did not happen.
    async fn give_back_use(&self, use_id: &str) -> StoreResult<()> {
        self.collection(INVITE_USES)
            .delete_one(doc! { "_id": use_id })
            .await
            .context("giving back an invite use")?;
        Ok(())
    }

    /// The invite document as stored.
    async fn invite_doc(&self, code: &InviteCode) -> StoreResult<Option<Document>> {
        self.collection(INVITES)
            .find_one(doc! { "_id": code.as_str() })
            .await
            .context("reading an invite")
    }

    async fn uses_claimed(&self, code: &InviteCode) -> StoreResult<u32> {
        let n = self
            .collection(INVITE_USES)
            .count_documents(doc! { "code": code.as_str() })
            .await
            .context("counting an invite's uses")?;
        Ok(u32::try_from(n).unwrap_or(u32::MAX))
    }
}

#[async_trait]
impl InviteStore for MongoStore {
    async fn insert_invite(&self, invite: &Invite) -> StoreResult<()> {
        self.collection(INVITES)
            .insert_one(to_doc(invite))
            .await
            .context("inserting an invite")?;
        Ok(())
    }

    async fn invite_by_code(&self, code: &InviteCode) -> StoreResult<Option<Invite>> {
        let Some(doc) = self.invite_doc(code).await? else {
            return Ok(None);
        };
        let claimed = self.uses_claimed(code).await?;
        from_doc(&doc, claimed).map(Some)
    }

    async fn invites_of(&self, server: ServerId) -> StoreResult<Vec<Invite>> {
        let docs = find_all(
            &self.collection(INVITES),
            doc! { "server_id": id_text(server.as_uuid()) },
            doc! { "created_at": 1, "_id": 1 },
            "reading a server's invites",
        )
        .await?;
        let uses = find_all(
            &self.collection(INVITE_USES),
            doc! { "server_id": id_text(server.as_uuid()) },
            doc! { "_id": 1 },
            "reading a server's invite uses",
        )
        .await?;
        let mut claimed: HashMap<String, u32> = HashMap::new();
        for used in &uses {
            let code = Fields::new(used, INVITE_USES).str("code")?;
            *claimed.entry(code.to_owned()).or_default() += 1;
        }
        docs.iter()
            .map(|d| {
                let code = Fields::new(d, INVITES).str("_id")?;
                from_doc(d, claimed.get(code).copied().unwrap_or(0))
            })
            .collect()
    }

    async fn delete_invite(&self, code: &InviteCode) -> StoreResult<bool> {
        // Uses first, the invite last: a repeated delete finishes.
        self.collection(INVITE_USES)
            .delete_many(doc! { "code": code.as_str() })
            .await
            .context("deleting an invite's uses")?;
        let result = self
            .collection(INVITES)
            .delete_one(doc! { "_id": code.as_str() })
            .await
            .context("deleting an invite")?;
        Ok(result.deleted_count > 0)
    }

    async fn join_with_invite(
        &self,
        code: &InviteCode,
        member: &Member,
        now: Timestamp,
    ) -> StoreResult<JoinOutcome> {
        let (server, user) = (member.server_id, member.user_id);
        let Some(doc) = self.invite_doc(code).await? else {
            return Ok(JoinOutcome::NotFound);
        };
        let base = from_doc(&doc, 0)?;
        if base.server_id != server {
            return Ok(JoinOutcome::NotFound);
        }
        if self.member(server, user).await?.is_some() {
            return Ok(JoinOutcome::AlreadyMember);
        }
        if self.active_ban(server, user, now).await?.is_some() {
            return Ok(JoinOutcome::Banned);
        }
        if base.expires_at.is_some_and(|t| now >= t) {
            return Ok(JoinOutcome::Expired);
        }
        let Some(use_id) = self.take_use(&base, user).await? else {
            return Ok(JoinOutcome::Expired);
        };
        if let Err(e) = self
            .collection(MEMBERSHIPS)
            .insert_one(members::to_doc(member))
            .await
        {
            self.give_back_use(&use_id).await?;
            if is_duplicate_key(&e) {
                return Ok(JoinOutcome::AlreadyMember);
            }
            return Err(crate::error::backend("inserting a membership", e));
        }
        if self.active_ban(server, user, now).await?.is_some() {
            // A ban landed meanwhile; it may already have removed the row.
            self.remove_member(server, user).await?;
            self.give_back_use(&use_id).await?;
            return Ok(JoinOutcome::Banned);
        }
        Ok(JoinOutcome::Joined)
    }
}
