//! Password changes, two-factor state and pending two-factor logins.

use async_trait::async_trait;
use chat_core::account::{AccountStore, MfaState, MfaTicket};
use chat_core::ids::UserId;
use chat_core::users::PasswordHash;
use chat_core::{StoreError, StoreResult, Timestamp};

use super::MemoryStore;

#[async_trait]
impl AccountStore for MemoryStore {
    async fn set_password_hash(&self, user: UserId, hash: &PasswordHash) -> StoreResult<bool> {
        let mut state = self.state();
        let Some(user) = state.users.get_mut(&user) else {
            return Ok(false);
        };
        user.password_hash = hash.clone();
        Ok(true)
    }

    async fn set_user_disabled(&self, user: UserId, disabled: bool) -> StoreResult<bool> {
        let mut state = self.state();
        let Some(user) = state.users.get_mut(&user) else {
            return Ok(false);
        };
        user.disabled = disabled;
        Ok(true)
    }

    async fn mfa_of(&self, user: UserId) -> StoreResult<Option<MfaState>> {
        Ok(self.state().mfa.get(&user).cloned())
    }

    async fn save_mfa(&self, mfa: &MfaState, expected: Option<i64>) -> StoreResult<bool> {
        let mut state = self.state();
        if !state.users.contains_key(&mfa.user_id) {
            return Err(StoreError::Backend(format!("no user {}", mfa.user_id)));
        }
        let current = state.mfa.get(&mfa.user_id).map(|m| m.version);
        if current != expected {
            return Ok(false);
        }
        state.mfa.insert(mfa.user_id, mfa.clone());
        Ok(true)
    }

    async fn delete_mfa(&self, user: UserId) -> StoreResult<bool> {
        Ok(self.state().mfa.remove(&user).is_some())
    }

    async fn create_mfa_ticket(&self, ticket: &MfaTicket, now: Timestamp) -> StoreResult<()> {
        let mut state = self.state();
        state.mfa_tickets.retain(|_, t| t.expires_at >= now);
        if state.mfa_tickets.contains_key(&ticket.hash) {
            return Err(StoreError::Backend("this ticket already exists".into()));
        }
        state
            .mfa_tickets
            .insert(ticket.hash.clone(), ticket.clone());
        Ok(())
    }

    async fn mfa_ticket(&self, hash: &str) -> StoreResult<Option<MfaTicket>> {
        Ok(self.state().mfa_tickets.get(hash).cloned())
    }

    async fn fail_mfa_ticket(&self, hash: &str) -> StoreResult<Option<u32>> {
        let mut state = self.state();
        Ok(state.mfa_tickets.get_mut(hash).map(|t| {
            t.failures = t.failures.saturating_add(1);
            t.failures
        }))
    }

    async fn delete_mfa_ticket(&self, hash: &str) -> StoreResult<bool> {
        Ok(self.state().mfa_tickets.remove(hash).is_some())
    }
}
