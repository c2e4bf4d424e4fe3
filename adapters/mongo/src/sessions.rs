//! Login sessions (`sessions`) and their refresh tokens (`refresh_tokens`,
//! keyed by the token's hash).
//!
//! Rotation without a transaction: the next token is stored first, then the
//! presented one is spent by claiming it (inserting `{_id: hash}` into
//! `refresh_spends`, see claims.rs), which exactly one of concurrent callers
//! can win; the losers delete the token they stored and report reuse. The
//! claim is what "spent" means; the token's `spent` flag, set after it, is
//! a shortcut for later readers. Interruptions: before the claim, an unspent
//! token whose plain text nobody holds is left (harmless); after it, the
//! flag may stay `false`, and the next presentation still loses the claim.

use async_trait::async_trait;
use chat_core::auth::{RefreshGrant, Rotation, Session, SessionStore};
use chat_core::ids::{SessionId, UserId};
use chat_core::time::Timestamp;
use chat_core::StoreResult;
use mongodb::bson::{doc, Document};

use crate::codec::{id_text, Fields};
use crate::error::Context;
use crate::indexes::names::{REFRESH_SPENDS, REFRESH_TOKENS, SESSIONS};
use crate::{find_all, MongoStore};

fn session_doc(session: &Session) -> Document {
    doc! {
        "_id": id_text(session.id.as_uuid()),
        "user_id": id_text(session.user_id.as_uuid()),
        "created_at": session.created_at.millis(),
        "revoked": session.revoked,
        "last_used_at": session.last_used_at.millis(),
        "user_agent": session.user_agent.as_deref(),
        "ip_hint": session.ip_hint.as_deref(),
    }
}

fn session_from(doc: &Document) -> StoreResult<Session> {
    let f = Fields::new(doc, SESSIONS);
    let created_at = f.time("created_at")?;
    Ok(Session {
        id: f.id("_id")?,
        user_id: f.id("user_id")?,
        created_at,
        revoked: f.bool("revoked")?,
        // Sessions stored before these fields existed: never touched since.
        last_used_at: f.opt_time("last_used_at")?.unwrap_or(created_at),
        user_agent: f.opt_str("user_agent")?.map(str::to_owned),
        ip_hint: f.opt_str("ip_hint")?.map(str::to_owned),
    })
}

fn token_doc(grant: &RefreshGrant, session: &Session) -> Document {
    doc! {
        "_id": &grant.hash,
        "session_id": id_text(session.id.as_uuid()),
        // Kept so that deleting a user can find their tokens directly.
        "user_id": id_text(session.user_id.as_uuid()),
        "expires_at": grant.expires_at.millis(),
        "spent": false,
    }
}

/// A stored refresh token, as far as rotation needs it.
struct StoredToken {
    session_id: SessionId,
    expires_at: Timestamp,
    spent: bool,
}

fn token_from(doc: &Document) -> StoreResult<StoredToken> {
    let f = Fields::new(doc, REFRESH_TOKENS);
    Ok(StoredToken {
        session_id: f.id("session_id")?,
        expires_at: f.time("expires_at")?,
        spent: f.bool("spent")?,
    })
}

fn by_id(id: SessionId) -> Document {
    doc! { "_id": id_text(id.as_uuid()) }
}

impl MongoStore {
    async fn refresh_token(&self, hash: &str) -> StoreResult<Option<StoredToken>> {
        let found = self
            .collection(REFRESH_TOKENS)
            .find_one(doc! { "_id": hash })
            .await
            .context("reading a refresh token")?;
        found.as_ref().map(token_from).transpose()
    }

    /// Spends the token if nobody has yet; `true` when this call did.
    async fn spend(&self, hash: &str, session: &Session) -> StoreResult<bool> {
        let claim = doc! { "_id": hash, "user_id": id_text(session.user_id.as_uuid()) };
        if !self.claim(REFRESH_SPENDS, claim).await? {
            return Ok(false);
        }
        self.collection(REFRESH_TOKENS)
            .update_one(doc! { "_id": hash }, doc! { "$set": { "spent": true } })
            .await
            .context("marking a refresh token spent")?;
        Ok(true)
    }
}

#[async_trait]
impl SessionStore for MongoStore {
    async fn create_session(&self, session: &Session, refresh: &RefreshGrant) -> StoreResult<()> {
        // The session first: a token never points at a missing session.
        self.collection(SESSIONS)
            .insert_one(session_doc(session))
            .await
            .context("inserting a session")?;
        self.collection(REFRESH_TOKENS)
            .insert_one(token_doc(refresh, session))
            .await
            .context("inserting a refresh token")?;
        Ok(())
    }

    async fn session_by_id(&self, id: SessionId) -> StoreResult<Option<Session>> {
        let found = self
            .collection(SESSIONS)
            .find_one(by_id(id))
            .await
            .context("reading a session")?;
        found.as_ref().map(session_from).transpose()
    }

    async fn rotate_refresh(
        &self,
        presented: &str,
        next: &RefreshGrant,
        now: Timestamp,
    ) -> StoreResult<Rotation> {
        let Some(token) = self.refresh_token(presented).await? else {
            return Ok(Rotation::Invalid);
        };
        let session = match self.session_by_id(token.session_id).await? {
            Some(s) if !s.revoked => s,
            _ => return Ok(Rotation::Invalid),
        };
        if token.spent {
            return Ok(Rotation::Reused(session.id));
        }
        if now >= token.expires_at {
            return Ok(Rotation::Invalid);
        }
        self.collection(REFRESH_TOKENS)
            .insert_one(token_doc(next, &session))
            .await
            .context("inserting a refresh token")?;
        if self.spend(presented, &session).await? {
            return Ok(Rotation::Rotated(session));
        }
        // Another caller spent it first: ours is a replay; undo our token.
        self.collection(REFRESH_TOKENS)
            .delete_one(doc! { "_id": &next.hash })
            .await
            .context("deleting an unused refresh token")?;
        Ok(Rotation::Reused(session.id))
    }

    async fn revoke_session(&self, id: SessionId) -> StoreResult<bool> {
        let result = self
            .collection(SESSIONS)
            .update_one(by_id(id), doc! { "$set": { "revoked": true } })
            .await
            .context("revoking a session")?;
        Ok(result.matched_count > 0)
    }

    async fn revoke_sessions_of(&self, user: UserId) -> StoreResult<()> {
        self.collection(SESSIONS)
            .update_many(
                doc! { "user_id": id_text(user.as_uuid()) },
                doc! { "$set": { "revoked": true } },
            )
            .await
            .context("revoking a user's sessions")?;
        Ok(())
    }

    async fn sessions_of(&self, user: UserId) -> StoreResult<Vec<Session>> {
        let docs = find_all(
            &self.collection(SESSIONS),
            doc! { "user_id": id_text(user.as_uuid()), "revoked": false },
            doc! { "_id": 1 },
            "listing a user's sessions",
        )
        .await?;
        docs.iter().map(session_from).collect()
    }

    async fn touch_session(&self, id: SessionId, now: Timestamp) -> StoreResult<bool> {
        let result = self
            .collection(SESSIONS)
            .update_one(by_id(id), doc! { "$max": { "last_used_at": now.millis() } })
            .await
            .context("touching a session")?;
        Ok(result.matched_count > 0)
    }

    /// Without a transaction: lists the live others, then revokes exactly
    /// those that are still live (a session opened in between is neither
    /// revoked nor listed).
    async fn revoke_other_sessions(
        &self,
        user: UserId,
        keep: SessionId,
    ) -> StoreResult<Vec<SessionId>> {
        let keep = id_text(keep.as_uuid());
        let others = find_all(
            &self.collection(SESSIONS),
            doc! { "user_id": id_text(user.as_uuid()), "revoked": false, "_id": { "$ne": &keep } },
            doc! { "_id": 1 },
            "listing a user's other sessions",
        )
        .await?;
        let ids: Vec<SessionId> = others
            .iter()
            .map(|d| Fields::new(d, SESSIONS).id("_id"))
            .collect::<StoreResult<_>>()?;
        if ids.is_empty() {
            return Ok(ids);
        }
        let texts: Vec<String> = ids.iter().map(|id| id_text(id.as_uuid())).collect();
        self.collection(SESSIONS)
            .update_many(
                doc! { "_id": { "$in": texts }, "revoked": false },
                doc! { "$set": { "revoked": true } },
            )
            .await
            .context("revoking a user's other sessions")?;
        Ok(ids)
    }
}
