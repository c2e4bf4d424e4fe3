use async_trait::async_trait;

use super::Ban;
use crate::error::StoreResult;
use crate::ids::{ServerId, UserId};
use crate::time::Timestamp;

/// Storage of bans.
#[async_trait]
pub trait BanStore: Send + Sync {
    /// Records the ban (replacing any earlier ban of that user in that
    /// server) and removes the user's membership, the ban first, so an
    /// interrupted ban never leaves the user in without a ban. Returns
    /// whether a membership was removed (the caller announces the removal
    /// from that answer, not from an earlier read: a join may have landed
    /// in between). Atomic with `join_with_invite`: a join racing the ban
    /// either lands first and is removed here, or is refused as `Banned`.
    async fn ban(&self, ban: &Ban) -> StoreResult<bool>;

    /// The user's ban in the server if it is active at `now`.
    async fn active_ban(
        &self,
        server: ServerId,
        user: UserId,
        now: Timestamp,
    ) -> StoreResult<Option<Ban>>;

    /// The server's bans active at `now`, oldest first.
    async fn bans_of(&self, server: ServerId, now: Timestamp) -> StoreResult<Vec<Ban>>;

    /// Lifts the user's ban; `false` when there was none.
    async fn unban(&self, server: ServerId, user: UserId) -> StoreResult<bool>;
}

/// Storage of timeouts: at most one per user and server, kept when the
/// member leaves (so leaving and rejoining does not end it).
#[async_trait]
pub trait TimeoutStore: Send + Sync {
    /// Times the user out in the server until `until`, replacing any
    /// earlier timeout of theirs there.
    async fn set_timeout(
        &self,
        server: ServerId,
        user: UserId,
        until: Timestamp,
    ) -> StoreResult<()>;

    /// When the user's timeout in the server ends, if it is still running
    /// at `now` (an ended one is `None`).
    async fn timeout_until(
        &self,
        server: ServerId,
        user: UserId,
        now: Timestamp,
    ) -> StoreResult<Option<Timestamp>>;

    /// Every timeout of the server still running at `now`, as (user, end),
    /// in no particular order.
    async fn timeouts_of(
        &self,
        server: ServerId,
        now: Timestamp,
    ) -> StoreResult<Vec<(UserId, Timestamp)>>;

    /// Lifts the user's timeout; `false` when there was none (running or ended).
    async fn clear_timeout(&self, server: ServerId, user: UserId) -> StoreResult<bool>;
}
