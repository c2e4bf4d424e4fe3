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
    /// interrupted ban never leaves the user in without a ban.
    async fn ban(&self, ban: &Ban) -> StoreResult<()>;

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
