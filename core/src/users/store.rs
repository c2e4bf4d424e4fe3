use async_trait::async_trait;

use super::{Bio, CustomStatus, DisplayName, User, Username};
use crate::error::StoreResult;
use crate::ids::UserId;
use crate::presence::Status;

/// Storage of accounts.
#[async_trait]
pub trait UserStore: Send + Sync {
    /// Stores a new user. Fails with `StoreError::Conflict(UsernameTaken)`
    /// when another user has the same username ignoring case.
    async fn insert_user(&self, user: &User) -> StoreResult<()>;

    /// The user with this id, or `None`.
    async fn user_by_id(&self, id: UserId) -> StoreResult<Option<User>>;

    /// The user whose username equals `username` ignoring case, or `None`.
    async fn user_by_username(&self, username: &Username) -> StoreResult<Option<User>>;

    /// The users with these ids that exist, in any order.
    async fn users_by_ids(&self, ids: &[UserId]) -> StoreResult<Vec<User>>;

    /// Sets the display name and bio; returns the updated user, or `None`
    /// when there is no such user.
    async fn update_profile(
        &self,
        id: UserId,
        display_name: &DisplayName,
        bio: &Bio,
    ) -> StoreResult<Option<User>>;

    /// Sets the chosen status; returns `false` when there is no such user.
    async fn set_status(&self, id: UserId, status: Status) -> StoreResult<bool>;

    /// Sets (`Some`) or clears (`None`) the custom status text; returns
    /// the updated user, or `None` when there is no such user.
    async fn set_custom_status(
        &self,
        id: UserId,
        custom_status: Option<&CustomStatus>,
    ) -> StoreResult<Option<User>>;

    /// Sets (`Some`) or clears (`None`) the key of the user's avatar in one
    /// atomic step, answering the key it replaced (`Some(None)` when there
    /// was none), or `None` when there is no such user (nothing changes).
    async fn swap_avatar_key(
        &self,
        id: UserId,
        key: Option<&str>,
    ) -> StoreResult<Option<Option<String>>>;

    /// Deletes the user with their sessions, memberships, bans, messages
    /// and two-factor state and tickets.
    /// Returns `false` when there was no such user. Servers the user owns
    /// are not touched (the use case refuses while there are any).
    async fn delete_user(&self, id: UserId) -> StoreResult<bool>;
}
