use async_trait::async_trait;

use crate::error::StoreResult;
use crate::ids::{ServerId, UserId};
use crate::members::Member;
use crate::servers::Server;
use crate::users::User;

/// Whole-database reads and the one write a copy needs.
#[async_trait]
pub trait TransferStore: Send + Sync {
    /// Up to `limit` users with an id greater than `after` (every user
    /// when `None`), in id order, with everything stored about them
    /// (password hash and chosen status included).
    async fn users_after(&self, after: Option<UserId>, limit: u32) -> StoreResult<Vec<User>>;

    /// Up to `limit` servers with an id greater than `after`, in id order.
    async fn servers_after(&self, after: Option<ServerId>, limit: u32) -> StoreResult<Vec<Server>>;

    /// Stores a membership exactly as given (role and `joined_at` kept),
    /// after the memberships already stored for its server in join order;
    /// `false` (and nothing changes) when the user already is a member.
    async fn insert_member(&self, member: &Member) -> StoreResult<bool>;
}
