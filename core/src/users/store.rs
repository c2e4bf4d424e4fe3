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

    /// Deletes an account but keeps its row as `tombstone` (see
    /// [`User::tombstone`]), so the messages and reactions it wrote stay
    /// with an author: the user's fields are replaced by the tombstone's
    /// (which frees the old username), and their sessions and refresh
    /// tokens, two-factor state and tickets, memberships, bans and
    /// timeouts, read markers, notification settings, blocks (both ways)
    /// and DM policy are deleted. Their place in direct channels is kept
    /// (the use case leaves groups first). Servers they own are not
    /// touched (the use case refuses while there are any). Repeating it
    /// finishes an interrupted erase. Returns `false` when there is no
    /// such user.
    async fn erase_user(&self, tombstone: &User) -> StoreResult<bool>;
}
