use async_trait::async_trait;

use super::Member;
use crate::error::StoreResult;
use crate::ids::{ServerId, UserId};
use crate::role::Role;

/// Storage of memberships.
#[async_trait]
pub trait MemberStore: Send + Sync {
    /// The membership of `user` in `server`, or `None`.
    async fn member(&self, server: ServerId, user: UserId) -> StoreResult<Option<Member>>;

    /// Every member of the server, in the order they joined.
    async fn members_of(&self, server: ServerId) -> StoreResult<Vec<Member>>;

    /// Every membership of the user.
    async fn memberships_of(&self, user: UserId) -> StoreResult<Vec<Member>>;

    /// How many members the server has.
    async fn member_count(&self, server: ServerId) -> StoreResult<u64>;

    /// Sets the stored role; returns the updated membership, or `None` when
    /// the user is not a member.
    async fn set_role(
        &self,
        server: ServerId,
        user: UserId,
        role: Role,
    ) -> StoreResult<Option<Member>>;

    /// Removes the membership; returns `false` when there was none.
    async fn remove_member(&self, server: ServerId, user: UserId) -> StoreResult<bool>;
}
