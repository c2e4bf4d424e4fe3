use async_trait::async_trait;

use super::{MfaState, MfaTicket};
use crate::error::StoreResult;
use crate::ids::UserId;
use crate::time::Timestamp;
use crate::users::PasswordHash;

/// Storage of a user's security settings: the password hash, two-factor
/// state and pending two-factor logins. Deleting a user deletes their
/// two-factor state and tickets too.
#[async_trait]
pub trait AccountStore: Send + Sync {
    /// Replaces the user's password hash; `false` when there is no such user.
    async fn set_password_hash(&self, user: UserId, hash: &PasswordHash) -> StoreResult<bool>;

    /// Sets the user's `disabled` flag (an operator's act); `false` when
    /// there is no such user.
    async fn set_user_disabled(&self, user: UserId, disabled: bool) -> StoreResult<bool>;

    /// The user's two-factor state, or `None` when they never set it up
    /// (or turned it off).
    async fn mfa_of(&self, user: UserId) -> StoreResult<Option<MfaState>>;

    /// Stores `state` (whose `version` is the new version) when the stored
    /// record's version equals `expected`, where `None` means "no record
    /// yet". Returns `false`, changing nothing, when it does not: of two
    /// concurrent saves from the same version exactly one succeeds.
    async fn save_mfa(&self, state: &MfaState, expected: Option<i64>) -> StoreResult<bool>;

    /// Deletes the user's two-factor state; `false` when there was none.
    async fn delete_mfa(&self, user: UserId) -> StoreResult<bool>;

    /// Stores a new login ticket, and drops tickets that expired before `now`.
    async fn create_mfa_ticket(&self, ticket: &MfaTicket, now: Timestamp) -> StoreResult<()>;

    /// The ticket with this digest, or `None`.
    async fn mfa_ticket(&self, hash: &str) -> StoreResult<Option<MfaTicket>>;

    /// Counts one wrong code against the ticket and returns its new failure
    /// count, or `None` when there is no such ticket.
    async fn fail_mfa_ticket(&self, hash: &str) -> StoreResult<Option<u32>>;

    /// Deletes the ticket; `true` only for the call that deleted it.
    async fn delete_mfa_ticket(&self, hash: &str) -> StoreResult<bool>;
}
