use async_trait::async_trait;

use super::Session;
use crate::error::StoreResult;
use crate::ids::{SessionId, UserId};
use crate::time::Timestamp;

/// A refresh token to store: its hash and when it stops working.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RefreshGrant {
    /// The token's hash (never the token).
    pub hash: String,
    /// When it stops working.
    pub expires_at: Timestamp,
}

/// What presenting a refresh token did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Rotation {
    /// The token was live: it is now spent, and the next one is stored for
    /// the same session.
    Rotated(Session),
    /// The token was already spent: somebody replays it. Nothing changed;
    /// the use case revokes the session.
    Reused(SessionId),
    /// Unknown, expired, or its session is revoked.
    Invalid,
}

/// Storage of login sessions and their refresh tokens.
#[async_trait]
pub trait SessionStore: Send + Sync {
    /// Stores a new session with its first refresh token.
    async fn create_session(&self, session: &Session, refresh: &RefreshGrant) -> StoreResult<()>;

    /// The session with this id, or `None`.
    async fn session_by_id(&self, id: SessionId) -> StoreResult<Option<Session>>;

    /// Spends the refresh token with hash `presented` and stores `next` in
    /// its place, as one step: of two concurrent calls with the same
    /// token, exactly one gets `Rotated`.
    async fn rotate_refresh(
        &self,
        presented: &str,
        next: &RefreshGrant,
        now: Timestamp,
    ) -> StoreResult<Rotation>;

    /// Marks the session revoked; `false` when there was no such session.
    async fn revoke_session(&self, id: SessionId) -> StoreResult<bool>;

    /// Marks every session of the user revoked.
    async fn revoke_sessions_of(&self, user: UserId) -> StoreResult<()>;

    /// The user's sessions that are not revoked, in no particular order
    /// (the use case sorts and drops the ones idle past their refresh
    /// lifetime).
    async fn sessions_of(&self, user: UserId) -> StoreResult<Vec<Session>>;

    /// Sets the session's `last_used_at` to `now` when `now` is later;
    /// `false` when there is no such session.
    async fn touch_session(&self, id: SessionId, now: Timestamp) -> StoreResult<bool>;

    /// Revokes every session of the user except `keep`, and returns the
    /// ids of the sessions this call revoked (already revoked ones are not
    /// listed).
    async fn revoke_other_sessions(
        &self,
        user: UserId,
        keep: SessionId,
    ) -> StoreResult<Vec<SessionId>>;
}
